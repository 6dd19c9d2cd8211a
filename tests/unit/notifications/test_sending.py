"""A message reaches its beneficiary once, on a channel they consented to, in their
language: never twice for the same event, never without consent, never after erasure."""

from __future__ import annotations

import uuid
from datetime import timedelta

from services.notifications.domain.delivery import PermanentFailure, TransientFailure, UnknownOutcome
from services.notifications.usecases.dispatch import dispatch_due
from shared.events.contracts.notifications import MESSAGE_FAILED, MESSAGE_SENT
from shared.events.contracts.training import ENROLMENT_CREATED
from tests.support.notifications.people import (
    ATTRIBUTES,
    EMAIL,
    PHONE,
    consent_change,
    contact,
    deliver,
    erase,
    event,
    person,
)
from tests.support.notifications.queries import messages_of, only_message, outbox_types, sink


def test_the_same_event_delivered_three_times_sends_one_sms(notifications):
    someone = person(notifications)
    dispatch_due(notifications)  # the welcome
    enrolled = event(ENROLMENT_CREATED, {
        "enrolment_id": str(uuid.uuid4()), "cohort_id": str(uuid.uuid4()),
        "course_id": str(uuid.uuid4()), "beneficiary_id": someone,
        "course_category": "vocational"})
    for _ in range(3):
        deliver(notifications, enrolled)
        dispatch_due(notifications)

    recorded = [r for r in sink(notifications) if r["template"] == "enrolment_confirmed"]
    assert [(r["beneficiary_id"], r["language"], r["caused_by"]) for r in recorded] == [
        (someone, "uk", enrolled.id)]
    assert "Ваше місце на курсі підтверджено" in recorded[0]["body"]


def test_consent_given_again_does_not_welcome_twice(notifications):
    someone = person(notifications)
    for _ in range(3):
        consent_change(notifications, someone, sms=True)
        dispatch_due(notifications)
    assert [r["template"] for r in sink(notifications)] == ["welcome"]


def test_a_sent_message_is_announced_and_leaves_no_number_behind(notifications):
    someone = person(notifications)
    dispatch_due(notifications)

    message = only_message(notifications, someone)
    assert (message["status"], message["channel"], message["sent_at"] is not None) == ("sent", "sms", True)
    assert outbox_types(notifications) == [MESSAGE_SENT]
    assert all(PHONE not in str(value) for value in message.values())


def test_without_sms_consent_the_message_goes_by_email_when_that_is_consented(scripted, gateways):
    someone = person(scripted, sms_consent=False, email=EMAIL, email_consent=True)
    consent_change(scripted, someone, sms=True, email=True)  # the welcome, by e-mail alone:
    deliver(scripted, event("intake.beneficiary.contact_changed", {
        "beneficiary_id": someone, "preferred_language": "uk", "sms": None, "email": EMAIL}))
    dispatch_due(scripted)

    assert [m.to for m in gateways["email"].sent] == [EMAIL]
    assert gateways["sms"].attempts == []
    assert gateways["email"].sent[0].subject == "Повідомлення"


def test_when_sms_fails_for_good_the_consented_email_is_used(scripted, gateways):
    gateways["sms"].answers = [PermanentFailure("kannel_http_400")]
    someone = person(scripted, email=EMAIL, email_consent=True)
    dispatch_due(scripted)
    dispatch_due(scripted)

    assert [m.message_id for m in gateways["email"].sent] == [only_message(scripted, someone)["id"]]
    assert only_message(scripted, someone)["status"] == "sent"
    assert only_message(scripted, someone)["channel"] == "email"


def test_when_the_only_channel_fails_for_good_the_message_fails_with_the_gateways_reason(
        scripted, gateways):
    gateways["sms"].answers = [PermanentFailure("kannel_http_400")]
    someone = person(scripted)
    dispatch_due(scripted)
    dispatch_due(scripted)

    message = only_message(scripted, someone)
    assert (message["status"], message["reason"]) == ("failed", "kannel_http_400")
    assert outbox_types(scripted) == [MESSAGE_FAILED]


def test_a_gateway_error_is_retried_with_back_off_and_the_message_sent_once(scripted, gateways, clock):
    gateways["sms"].answers = [TransientFailure("kannel_unreachable")] * 2
    someone = person(scripted)
    dispatch_due(scripted)
    waiting = only_message(scripted, someone)
    assert (waiting["status"], waiting["reason"]) == ("queued", "kannel_unreachable")
    assert waiting["next_attempt_at"] > clock()

    dispatch_due(scripted)  # not due yet: nothing is tried
    assert len(gateways["sms"].attempts) == 1
    for _ in range(2):
        clock.advance(seconds=scripted.config.retry_max_delay)
        dispatch_due(scripted)

    assert len(gateways["sms"].attempts) == 3 and len(gateways["sms"].sent) == 1
    assert only_message(scripted, someone)["status"] == "sent"


def test_a_gateway_failing_past_the_give_up_time_fails_the_message(scripted, gateways, clock):
    gateways["sms"].answers = [TransientFailure("kannel_http_503")] * 1000
    someone = person(scripted)
    while only_message(scripted, someone)["status"] != "failed":
        dispatch_due(scripted)
        clock.advance(seconds=scripted.config.retry_max_delay * 1.2)

    message = only_message(scripted, someone)
    assert (message["status"], message["reason"]) == ("failed", "retries_exhausted")
    assert message["failed_at"] - message["created_at"] >= timedelta(
        seconds=scripted.config.give_up_after - 2 * scripted.config.retry_max_delay)
    assert gateways["sms"].sent == []


def test_a_long_outage_delays_messages_without_losing_them(scripted, gateways, clock):
    gateways["sms"].answers = [TransientFailure("kannel_unreachable")] * 12  # ~ 2 hours down
    someone = person(scripted)
    while not gateways["sms"].sent:
        dispatch_due(scripted)
        clock.advance(seconds=scripted.config.retry_max_delay * 1.2)
    assert only_message(scripted, someone)["status"] == "sent"


def test_no_answer_from_the_gateway_leaves_the_message_sending_never_resent(scripted, gateways, clock):
    gateways["sms"].answers = [UnknownOutcome("kannel_no_answer")]
    someone = person(scripted)
    dispatch_due(scripted)
    clock.advance(minutes=1)
    dispatch_due(scripted)

    assert len(gateways["sms"].attempts) == 1
    assert only_message(scripted, someone)["status"] == "sending"


def test_without_any_consent_the_message_fails_as_unconsented(scripted, gateways):
    someone = person(scripted)
    consent_change(scripted, someone, sms=False)
    dispatch_due(scripted)

    assert gateways["sms"].attempts == []
    message = only_message(scripted, someone)
    assert (message["status"], message["reason"]) == ("failed", "no_consent")


def test_withdrawn_consent_stops_a_message_still_waiting(scripted, gateways, clock):
    gateways["sms"].answers = [TransientFailure("kannel_unreachable")]
    someone = person(scripted)
    dispatch_due(scripted)
    consent_change(scripted, someone, sms=False)
    clock.advance(hours=1)
    dispatch_due(scripted)

    assert gateways["sms"].sent == []
    assert only_message(scripted, someone)["reason"] == "no_consent"


def test_erasure_stops_every_waiting_message_and_forgets_the_contact(scripted, gateways):
    someone = person(scripted)
    erase(scripted, someone)
    dispatch_due(scripted)

    assert gateways["sms"].attempts == []
    message = only_message(scripted, someone)
    assert (message["status"], message["reason"]) == ("failed", "erased")
    assert outbox_types(scripted) == [MESSAGE_FAILED]
    with scripted.reading() as session:
        assert scripted.contacts.channels(session, someone) == {}
        assert scripted.contacts.numbers.holders(session, PHONE) == []


def test_a_message_waits_for_a_contact_that_has_not_arrived_yet(scripted, gateways, clock):
    someone = person(scripted, sms=None)
    deliver(scripted, event("intake.beneficiary.contact_changed", {
        "beneficiary_id": someone, "preferred_language": "uk", "sms": None, "email": None}))
    dispatch_due(scripted)
    assert only_message(scripted, someone)["reason"] == "no_contact"

    deliver(scripted, event("intake.beneficiary.contact_changed", {
        "beneficiary_id": someone, "preferred_language": "uk", "sms": PHONE, "email": None}))
    clock.advance(minutes=2)
    dispatch_due(scripted)
    assert [m.to for m in gateways["sms"].sent] == [PHONE]


def test_a_message_waiting_for_a_contact_goes_as_soon_as_the_contact_arrives(scripted, gateways):
    someone = person(scripted, sms=None)  # consented to SMS, the number not yet heard of
    dispatch_due(scripted)
    assert only_message(scripted, someone)["reason"] == "no_contact"

    contact(scripted, someone, sms=PHONE)  # the clock stands still: no check would be due
    dispatch_due(scripted)

    assert [m.to for m in gateways["sms"].sent] == [PHONE]


def test_quiet_hours_hold_a_message_until_eight_in_the_morning_in_kyiv(scripted, gateways, clock):
    clock.now = clock.now.replace(hour=20, minute=30)  # 22:30 in Kyiv
    someone = person(scripted)
    dispatch_due(scripted)
    assert gateways["sms"].attempts == []
    assert only_message(scripted, someone)["reason"] == "quiet_hours"

    clock.advance(hours=9, minutes=29)  # 07:59 in Kyiv
    dispatch_due(scripted)
    assert gateways["sms"].attempts == []
    clock.advance(minutes=1)  # 08:00
    dispatch_due(scripted)
    assert len(gateways["sms"].sent) == 1


def test_a_russian_speaker_reads_russian_and_an_unknown_language_falls_back_to_english(
        scripted, gateways):
    person(scripted, language="ru")
    person(scripted, language="de", sms="+380501234567")
    dispatch_due(scripted)

    bodies = sorted(m.body for m in gateways["sms"].sent)
    assert bodies[0].startswith("Hello") and bodies[1].startswith("Здравствуйте")


def test_old_messages_do_not_wait_forever_for_a_contact(scripted, clock):
    someone = person(scripted, sms=None)
    clock.advance(seconds=scripted.config.contact_wait + 1)
    dispatch_due(scripted)
    assert only_message(scripted, someone)["reason"] == "no_contact"
    assert only_message(scripted, someone)["status"] == "failed"
    assert clock() - only_message(scripted, someone)["created_at"] > timedelta(days=1)


def test_a_beneficiary_who_prefers_email_is_written_to_by_email(scripted, gateways, client, bearer):
    someone = person(scripted, email=EMAIL, email_consent=True)
    answer = client.put(f"/beneficiaries/{someone}/channel-preference",
                        json={"preferred_channel": "email"}, headers=bearer("caseworker"))
    assert answer.json == {"beneficiary_id": someone, "preferred_channel": "email"}
    dispatch_due(scripted)

    assert [m.to for m in gateways["email"].sent] == [EMAIL] and gateways["sms"].attempts == []


def test_a_preference_never_opens_a_channel_without_consent(scripted, gateways, client, bearer):
    someone = person(scripted)  # SMS consented, e-mail not
    client.put(f"/beneficiaries/{someone}/channel-preference", json={"preferred_channel": "email"},
               headers=bearer("caseworker"))
    dispatch_due(scripted)

    assert [m.to for m in gateways["sms"].sent] == [PHONE] and gateways["email"].attempts == []


def test_a_preference_for_someone_unknown_is_not_found(client, bearer):
    answer = client.put(f"/beneficiaries/{uuid.uuid4()}/channel-preference",
                        json={"preferred_channel": "sms"}, headers=bearer("caseworker"))
    assert answer.status_code == 404


def _enrolled_before_consent_is_heard(notifications) -> str:
    """Intake's registration reached notifications, then training's enrolment, but not
    yet intake's consent event (two consumers, or events of two producers, in any order)."""
    someone = str(uuid.uuid4())
    deliver(notifications, event("intake.beneficiary.registered", {
        "beneficiary_id": someone, "preferred_language": "uk", **ATTRIBUTES}))
    deliver(notifications, event(ENROLMENT_CREATED, {
        "enrolment_id": str(uuid.uuid4()), "cohort_id": str(uuid.uuid4()),
        "course_id": str(uuid.uuid4()), "beneficiary_id": someone,
        "course_category": "vocational"}))
    dispatch_due(notifications)
    return someone


def test_a_message_waits_for_consent_not_yet_heard_and_goes_when_it_comes(scripted, gateways,
                                                                           clock):
    someone = _enrolled_before_consent_is_heard(scripted)
    waiting = only_message(scripted, someone)
    assert (waiting["status"], waiting["reason"]) == ("queued", "consent_unheard")

    consent_change(scripted, someone, sms=True)
    contact(scripted, someone, sms=PHONE)
    clock.advance(minutes=1)  # a waiting message looks again within a minute
    dispatch_due(scripted)

    assert [m.to for m in gateways["sms"].sent].count(PHONE) == 2  # the welcome and the enrolment
    enrolment = [m for m in messages_of(scripted, someone) if m["template"] == "enrolment_confirmed"]
    assert [m["status"] for m in enrolment] == ["sent"]


def test_consent_never_heard_is_no_consent_after_the_contact_wait(scripted, gateways, clock):
    someone = _enrolled_before_consent_is_heard(scripted)
    clock.advance(seconds=scripted.config.contact_wait + 1)
    dispatch_due(scripted)

    assert gateways["sms"].attempts == []
    message = only_message(scripted, someone)
    assert (message["status"], message["reason"]) == ("failed", "no_consent")
