"""The embedded default's demo users, one or two per role, kept in an owner-only file
beside the data: their passwords are generated on first run, printed once, and only
their argon2 hashes are kept. Production signs in through the identity provider and has
no such file.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from shared import owner_only_files
from shared.roles import ADMIN, CASEWORKER, FINANCE_OFFICER, GRANT_OFFICER, ME_OFFICER, TRAINER

# Two grant officers: one scores a plan, the other decides on it (four eyes).
DEMO_USERS: dict[str, tuple[str, ...]] = {
    "caseworker": (CASEWORKER,),
    "trainer": (TRAINER,),
    "grant-officer": (GRANT_OFFICER,),
    "grant-officer-2": (GRANT_OFFICER,),
    "finance-officer": (FINANCE_OFFICER,),
    "me-officer": (ME_OFFICER,),
    "admin": (ADMIN,),
}
_HASHER = PasswordHasher()
# Checked when the name typed is nobody's, so an unknown name takes as long as a wrong
# password and the timing does not tell which was wrong.
_NOBODY = _HASHER.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Account:
    user: str
    roles: frozenset[str]


def generated_passwords() -> dict[str, str]:
    return {user: secrets.token_urlsafe(12) for user in DEMO_USERS}


def _file_text(passwords: dict[str, str]) -> str:
    return json.dumps({"users": {user: {"hash": _HASHER.hash(password), "roles": list(DEMO_USERS[user])}
                                 for user, password in passwords.items()}}, indent=1)


def seed(path: Path) -> dict[str, str] | None:
    """Make the demo users if the file is not there yet: their passwords, to print once;
    None when they were made before (the file keeps hashes only)."""
    made: dict[str, str] = {}

    def make() -> str:
        made.update(generated_passwords())
        made["_text"] = _file_text({k: v for k, v in made.items() if k != "_text"})
        return made["_text"]

    kept = owner_only_files.kept(path, make)
    if not made or kept != made.pop("_text"):
        return None
    return made


def reset(path: Path) -> dict[str, str]:
    """New passwords for every demo user (the old ones stop working): to print once."""
    passwords = generated_passwords()
    path.parent.mkdir(parents=True, exist_ok=True)
    candidate = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(_file_text(passwords))
    os.replace(candidate, path)
    return passwords


@dataclass(frozen=True)
class DemoUsers:
    """Checks a name and password against the file (read at each sign-in, so a reset
    takes effect at once)."""

    path: Path

    def check(self, user: str, password: str) -> Account | None:
        entry = self._users().get(user)
        try:
            _HASHER.verify(entry["hash"] if entry else _NOBODY, password)
        except (VerificationError, InvalidHashError):
            return None
        if entry is None:
            return None
        return Account(user, frozenset(entry.get("roles", ())))

    def _users(self) -> dict:
        try:
            return json.loads(self.path.read_text()).get("users", {})
        except FileNotFoundError:
            return {}
