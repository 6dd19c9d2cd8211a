"""The duplicate check: a person matching someone registered (same normalised name and
birthdate, or same phone) is refused with the candidates' codes unless a caseworker
overrides, and the override is recorded.

Two registrations of one person at the same moment (a form sent twice, an import and a
caseworker) take turns, so the second is checked against the first. One check serves a
batch: the registered people any of the batch could match are looked up in one query,
and each person accepted is remembered, so that two rows of one import describing the
same person are caught as surely as a row and an earlier registration.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from services.intake.adapters.personal_data import PersonalData
from services.intake.adapters.tables import beneficiaries, duplicate_overrides
from services.intake.domain.errors import DuplicateSuspected
from services.intake.domain.registration import DUPLICATE_KINDS
from services.intake.domain.status import ACTIVE
from shared.db import lock_keys

Digest = tuple[str, str]  # (blind-index kind, digest)


class DuplicateCheck:
    def __init__(self, session: Session, personal: PersonalData, people: Iterable[list[Digest]]):
        """Ready to check the people, each given by their blind-index digests. Until the
        transaction ends, no other can decide about the same name and birthdate or phone:
        the same person registered twice at once is caught as if one came after the other."""
        identifying = {digest for digests in people for digest in _identifying(digests)}
        lock_keys(session, (f"intake.duplicates:{kind}:{digest}" for kind, digest in identifying))
        matches = personal.matches(session, identifying)
        ids = set().union(*matches.values())
        codes = dict(session.execute(select(beneficiaries.c.id, beneficiaries.c.code).where(
            beneficiaries.c.id.in_(ids), beneficiaries.c.status == ACTIVE)).all()) if ids else {}
        self._known: dict[Digest, dict[str, str]] = {
            digest: {other: codes[other] for other in found if other in codes}
            for digest, found in matches.items()}

    def candidates(self, digests: list[Digest], itself: str | None = None) -> list[str]:
        """The codes of the others this person matches, in order."""
        return sorted({code for digest in _identifying(digests)
                       for other, code in self._known.get(digest, {}).items() if other != itself})

    def check(self, digests: list[Digest], override: bool, itself: str | None = None) -> list[str]:
        """The candidates, if overridden; ``DuplicateSuspected`` if there are any and not."""
        candidates = self.candidates(digests, itself)
        if candidates and not override:
            raise DuplicateSuspected(candidates)
        return candidates

    def accept(self, beneficiary_id: str, code: str, digests: list[Digest]) -> None:
        """A person registered in this batch, whom the next ones are checked against."""
        for digest in _identifying(digests):
            self._known.setdefault(digest, {})[beneficiary_id] = code


@dataclass(frozen=True)
class Override:
    """A registration or update let through despite candidates, and who decided why."""

    beneficiary_id: str
    candidates: list[str]
    by: str
    reason: str | None


def record_overrides(session: Session, overrides: list[Override], at) -> None:
    rows = [{"beneficiary_id": o.beneficiary_id, "candidate_codes": json.dumps(o.candidates),
             "overridden_by": o.by, "reason": o.reason, "at": at} for o in overrides if o.candidates]
    if rows:
        session.execute(insert(duplicate_overrides), rows)


def _identifying(digests: Iterable[Digest]) -> list[Digest]:
    return [digest for digest in digests if digest[0] in DUPLICATE_KINDS]
