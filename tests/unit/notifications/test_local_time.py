"""Quiet hours and the dates in a message are the beneficiary's own: their region's
country, when it has a single zone in the IANA database, gives their zone (someone in
Georgia, UTC+4, is quiet at night in Tbilisi, not in Kyiv); anyone else's is the
programme's (frozen clock; no test waits)."""

from __future__ import annotations

from datetime import UTC, datetime

from services.notifications.domain import kinds
from services.notifications.usecases.dispatch import dispatch_due
from services.notifications.usecases.saying import say
from tests.support.notifications.people import ATTRIBUTES, person
from tests.support.notifications.queries import only_message

IN_TBILISI = {**ATTRIBUTES, "region": "GE-TB"}  # Georgia: one zone, Asia/Tbilisi (UTC+4)
IN_KYIV = ATTRIBUTES  # UA-46: Ukraine has two zones (Crimea's), so the programme's


def in_kyiv_and_tbilisi(notifications, language: str = "uk") -> tuple[str, str]:
    return (person(notifications, language=language, attributes=IN_KYIV),
            person(notifications, language=language, attributes=IN_TBILISI, sms="+995555123456"))


def sent_to(gateway) -> set[str]:
    return {message.beneficiary_id for message in gateway.sent}


def test_at_seven_in_kyiv_someone_in_tbilisi_at_nine_is_written_to(scripted, gateways, clock):
    clock.now = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)  # 07:00 in Kyiv, 09:00 in Tbilisi
    kyiv, tbilisi = in_kyiv_and_tbilisi(scripted)
    dispatch_due(scripted)
    assert sent_to(gateways["sms"]) == {tbilisi}
    waiting = only_message(scripted, kyiv)
    assert (waiting["reason"], waiting["next_attempt_at"]) == (
        "quiet_hours", datetime(2026, 3, 2, 6, 0, tzinfo=UTC))  # 08:00 in Kyiv


def test_at_half_past_nine_at_night_in_tbilisi_they_wait_for_their_morning(scripted, gateways, clock):
    clock.now = datetime(2026, 3, 2, 17, 30, tzinfo=UTC)  # 19:30 in Kyiv, 21:30 in Tbilisi
    kyiv, tbilisi = in_kyiv_and_tbilisi(scripted)
    dispatch_due(scripted)
    assert sent_to(gateways["sms"]) == {kyiv}
    assert only_message(scripted, tbilisi)["next_attempt_at"] == datetime(
        2026, 3, 3, 4, 0, tzinfo=UTC)  # 08:00 in Tbilisi

    clock.now = datetime(2026, 3, 3, 4, 0, tzinfo=UTC)
    dispatch_due(scripted)
    assert sent_to(gateways["sms"]) == {kyiv, tbilisi}


def test_dates_and_times_in_a_message_are_in_the_beneficiarys_zone(scripted, gateways, clock):
    starts_at = datetime(2026, 3, 9, 21, 30, tzinfo=UTC)  # Kyiv: 23:30 the 9th; Tbilisi: 01:30 the 10th
    kyiv, tbilisi = in_kyiv_and_tbilisi(scripted, "en")
    with scripted.unit_of_work() as work:
        for someone in (kyiv, tbilisi):
            say(work.session, someone, kinds.SESSION_REMINDER, "session-1", clock(), starts_at=starts_at)
    dispatch_due(scripted)
    bodies = {m.beneficiary_id: m.body for m in gateways["sms"].sent if m.template == kinds.SESSION_REMINDER}
    assert bodies[kyiv] == "Reminder: class on March 9, 2026 11:30\u202fPM."
    assert bodies[tbilisi] == "Reminder: class on March 10, 2026 1:30\u202fAM."
