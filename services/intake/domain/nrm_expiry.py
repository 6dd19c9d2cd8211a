"""Which granted NRM statuses run out soon, so caseworkers can help renew them in time.

A granted status runs at most two years; when it lapses, the state assistance it opened
stops. A renewal is a new decision with its own expiry, so only each beneficiary's
latest decision counts: an old expiry behind a renewal, or a grant later refused, is no
reason to act.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from services.intake.domain.nrm import GRANTED, latest_expiry

DEFAULT_WINDOW_DAYS = 60


@dataclass(frozen=True)
class NrmDecision:
    """One NRM decision about a beneficiary, known by opaque id or code only."""

    beneficiary: str
    status: str
    decision_date: date
    expires_on: date | None = None


@dataclass(frozen=True)
class Expiry:
    """``assumed``: no expiry was recorded, so the longest validity from the decision is used."""

    beneficiary: str
    expires_on: date
    days_left: int  # negative once expired
    assumed: bool = False


@dataclass(frozen=True)
class ExpiryList:
    expiring: tuple[Expiry, ...]  # today .. today + window, soonest first
    expired: tuple[Expiry, ...]  # before today and not renewed, longest-lapsed first


def latest_decisions(decisions: Iterable[NrmDecision]) -> dict[str, NrmDecision]:
    """Each beneficiary's latest decision; on the same date, the one listed last."""
    latest: dict[str, NrmDecision] = {}
    for decision in decisions:
        current = latest.get(decision.beneficiary)
        if current is None or decision.decision_date >= current.decision_date:
            latest[decision.beneficiary] = decision
    return latest


def _expiry(decision: NrmDecision, today: date) -> Expiry:
    # A granted status without a recorded expiry still lapses by the platform's rule.
    expires_on = decision.expires_on or latest_expiry(decision.decision_date)
    return Expiry(decision.beneficiary, expires_on, (expires_on - today).days,
                  assumed=decision.expires_on is None)


def expiring_statuses(decisions: Iterable[NrmDecision], today: date,
                      window_days: int = DEFAULT_WINDOW_DAYS) -> ExpiryList:
    """Granted statuses expiring within ``window_days`` of ``today`` (both ends included),
    and those already expired."""
    if window_days < 0:
        raise ValueError(f"the window must not be negative, not {window_days} days")
    granted = [_expiry(d, today) for d in latest_decisions(decisions).values() if d.status == GRANTED]
    ordered = sorted(granted, key=lambda e: (e.expires_on, e.beneficiary))
    last_day = today + timedelta(days=window_days)
    return ExpiryList(expiring=tuple(e for e in ordered if today <= e.expires_on <= last_day),
                      expired=tuple(e for e in ordered if e.expires_on < today))
