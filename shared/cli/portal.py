"""The staff portal as ``vidnova run`` knows it: a web process without a worker or a
broker, started first, told where each service answers, whose one small database (staff's
preferences) ``vidnova migrate`` brings up to date with the services'; on the embedded
default it has demo users, whose passwords are generated on first run and printed that
once (only their argon2 hashes are kept); ``vidnova demo-users`` makes new ones.

The portal hands ``services.platform`` its ``WebApp``; ``shared`` imports no service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shared.config import Settings


@dataclass(frozen=True)
class WebApp:
    name: str
    wsgi_target: str
    # settings -> the demo users' passwords when they were made now; None when they
    # exist already, or sign-in is the identity provider's.
    seed_demo_users: Callable[[Settings], dict[str, str] | None]
    # settings -> new passwords for every demo user (ValueError where there are none).
    reset_demo_users: Callable[[Settings], dict[str, str]]
    # settings -> (migrations folder, database URL) of each of its databases.
    migration_targets: Callable[[Settings], list[tuple[Path, str]]] = lambda _settings: []


def announce_demo_users(passwords: dict[str, str] | None, *, first_run: bool = True) -> None:
    if passwords is None:
        print("Portal demo users: their passwords were printed when they were made; "
              "new ones: .venv/bin/vidnova demo-users")
        return
    heading = "made now" if first_run else "new passwords"
    print(f"Portal demo users ({heading}; printed this once, only their hashes are kept):")
    for user, password in passwords.items():
        print(f"  {user:<16} {password}")
