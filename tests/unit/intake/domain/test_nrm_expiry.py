"""Granted NRM statuses that run out soon, or already have, by each beneficiary's latest decision."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from services.intake.domain.nrm_expiry import Expiry, NrmDecision, expiring_statuses

TODAY = date(2026, 6, 1)
DECIDED = date(2025, 1, 15)


def granted(beneficiary: str, expires_in_days: int, decided: date = DECIDED) -> NrmDecision:
    return NrmDecision(beneficiary, "granted", decided, TODAY + timedelta(days=expires_in_days))


def expiring(*decisions: NrmDecision, window_days: int = 60) -> list[str]:
    return [e.beneficiary for e in expiring_statuses(decisions, TODAY, window_days).expiring]


def test_a_status_expiring_today_or_on_the_windows_last_day_is_listed():
    assert expiring(granted("VN-1", 0), granted("VN-2", 60)) == ["VN-1", "VN-2"]


def test_a_status_expiring_the_day_after_the_window_is_not_listed():
    assert expiring(granted("VN-1", 61)) == []


def test_the_window_is_a_parameter():
    assert expiring(granted("VN-1", 20), granted("VN-2", 40), window_days=30) == ["VN-1"]


def test_expiring_statuses_are_sorted_soonest_first():
    assert expiring(granted("VN-1", 50), granted("VN-2", 5), granted("VN-3", 30)) == ["VN-2", "VN-3", "VN-1"]


def test_a_status_expired_before_today_is_flagged_separately():
    listed = expiring_statuses([granted("VN-1", -1), granted("VN-2", 10)], TODAY)
    assert listed.expired == (Expiry("VN-1", TODAY - timedelta(days=1), days_left=-1),)
    assert [e.beneficiary for e in listed.expiring] == ["VN-2"]


def test_the_latest_decision_wins_so_a_renewal_hides_the_old_expiry():
    old = granted("VN-1", 10, decided=date(2024, 7, 1))
    renewal = granted("VN-1", 700, decided=date(2026, 5, 20))
    listed = expiring_statuses([renewal, old], TODAY)
    assert listed.expiring == () and listed.expired == ()


def test_the_latest_decision_wins_even_when_it_expires_sooner():
    first = granted("VN-1", 300, decided=date(2025, 1, 1))
    later = granted("VN-1", 20, decided=date(2025, 6, 1))
    assert expiring(first, later) == ["VN-1"]


def test_a_grant_followed_by_a_refusal_is_not_listed():
    refusal = NrmDecision("VN-1", "refused", date(2026, 5, 1))
    listed = expiring_statuses([granted("VN-1", -5), granted("VN-1", 10), refusal], TODAY)
    assert listed.expiring == () and listed.expired == ()


@pytest.mark.parametrize("status", ["none", "applied", "refused"])
def test_a_status_other_than_granted_is_ignored(status):
    listed = expiring_statuses([NrmDecision("VN-1", status, DECIDED, TODAY + timedelta(days=5))], TODAY)
    assert listed.expiring == () and listed.expired == ()


def test_a_granted_status_without_expiry_is_taken_to_run_the_longest_validity():
    decision = NrmDecision("VN-1", "granted", date(2024, 6, 20))
    (listed,) = expiring_statuses([decision], TODAY).expiring
    assert listed == Expiry("VN-1", date(2026, 6, 20), days_left=19, assumed=True)


def test_a_negative_window_is_refused():
    with pytest.raises(ValueError, match="must not be negative"):
        expiring_statuses([], TODAY, window_days=-1)
