"""Nothing reaches a beneficiary at night in their own time: a message due then waits
until the quiet hours end (in Kyiv, across midnight and a change of clocks)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from services.notifications.domain.quiet_hours import QuietHours

KYIV = ZoneInfo("Europe/Kyiv")
NIGHTS = QuietHours.parse("21:00-08:00")
ZONE = "Europe/Kyiv"


def kyiv(*args) -> datetime:
    return datetime(*args, tzinfo=KYIV).astimezone(UTC)


@pytest.mark.parametrize(("instant", "quiet"), [
    (kyiv(2026, 3, 2, 20, 59), False), (kyiv(2026, 3, 2, 21, 0), True),
    (kyiv(2026, 3, 3, 3, 0), True), (kyiv(2026, 3, 3, 7, 59), True),
    (kyiv(2026, 3, 3, 8, 0), False), (kyiv(2026, 3, 3, 12, 0), False),
])
def test_quiet_hours_are_read_in_the_beneficiarys_time_zone(instant, quiet):
    assert NIGHTS.is_quiet(instant, ZONE) is quiet


def test_a_message_due_in_the_evening_waits_until_eight_the_next_morning():
    assert NIGHTS.over_at(kyiv(2026, 3, 2, 22, 30), ZONE) == kyiv(2026, 3, 3, 8, 0)


def test_a_message_due_after_midnight_waits_until_eight_the_same_morning():
    assert NIGHTS.over_at(kyiv(2026, 3, 3, 2, 0), ZONE) == kyiv(2026, 3, 3, 8, 0)


def test_the_night_the_clocks_go_forward_still_ends_at_eight_local_time():
    assert NIGHTS.over_at(kyiv(2026, 3, 28, 23, 0), ZONE) == kyiv(2026, 3, 29, 8, 0)


def test_outside_quiet_hours_a_message_goes_at_once():
    assert NIGHTS.over_at(kyiv(2026, 3, 2, 12, 0), ZONE) == kyiv(2026, 3, 2, 12, 0)


def test_quiet_hours_can_be_turned_off_and_a_bad_setting_is_refused():
    assert QuietHours.parse("off") is None
    with pytest.raises(ValueError):
        QuietHours.parse("9pm-8am")
