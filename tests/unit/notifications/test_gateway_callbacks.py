"""Kannel's callbacks: a delivery report moves its own message's status (authenticated by
the message's token), and an inbound STOP stops SMS to that number, is confirmed once,
and is announced so intake records the withdrawn consent."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from services.notifications.adapters import recipients
from services.notifications.adapters.gateways import Outgoing
from services.notifications.adapters.tables import sms_numbers
from services.notifications.domain.delivery import PermanentFailure
from services.notifications.usecases.dispatch import dispatch_due
from shared.events.contracts.notifications import (
    CONTACT_OPTED_OUT,
    MESSAGE_DELIVERED,
    MESSAGE_SENT,
)
from tests.support.notifications.people import EMAIL, PHONE, consent_change, deliver, event, person
from tests.support.notifications.queries import messages_of, only_message, outbox_types
from tests.unit.notifications.conftest import INBOUND_TOKEN

INBOUND = "/gateways/kannel/inbound"


def report(client, token: str, status: int):
    return client.get("/gateways/kannel/dlr", query_string={"token": token, "status": status})


def sent_token(gateways) -> str:
    return gateways["sms"].sent[-1].report_token


@pytest.fixture
def sent(scripted, gateways):
    """Someone whose welcome the SMS gateway took; (beneficiary, its report token)."""
    someone = person(scripted)
    dispatch_due(scripted)
    return someone, sent_token(gateways)


def test_delivery_reports_set_the_status_sent_then_delivered(sent, scripted, client):
    someone, token = sent
    assert report(client, token, 8).status_code == 200
    assert only_message(scripted, someone)["status"] == "sent"
    assert report(client, token, 1).status_code == 200

    message = only_message(scripted, someone)
    assert (message["status"], message["delivered_at"] is not None) == ("delivered", True)
    assert outbox_types(scripted) == [MESSAGE_SENT, MESSAGE_DELIVERED]


def test_a_delivery_report_with_a_wrong_token_is_refused_and_changes_nothing(sent, scripted, client):
    someone, _ = sent
    answer = report(client, "not-the-token", 1)
    assert answer.status_code == 403
    assert only_message(scripted, someone)["status"] == "sent"


def test_a_late_report_never_takes_a_delivered_message_back(sent, scripted, client):
    someone, token = sent
    report(client, token, 1)
    report(client, token, 8)
    assert only_message(scripted, someone)["status"] == "delivered"


def test_a_rejected_sms_falls_back_to_the_consented_email(scripted, gateways, client):
    someone = person(scripted, email=EMAIL, email_consent=True)
    dispatch_due(scripted)
    report(client, sent_token(gateways), 16)
    dispatch_due(scripted)

    message = only_message(scripted, someone)
    assert (message["status"], message["channel"]) == ("sent", "email")
    assert [m.to for m in gateways["email"].sent] == [EMAIL]


def test_a_rejected_sms_without_another_channel_fails_with_the_networks_reason(sent, scripted, client):
    someone, token = sent
    report(client, token, 16)
    dispatch_due(scripted)
    message = only_message(scripted, someone)
    assert (message["status"], message["reason"]) == ("failed", "kannel_dlr_16")


def test_a_message_on_its_way_never_shows_its_number_text_or_token_in_a_repr():
    message = Outgoing("m", "b", "welcome", "uk", "c", to=PHONE, body="Привіт", report_token="tok")
    assert "tok" not in repr(message) and PHONE not in repr(message) and "Привіт" not in repr(message)


def inbound(client, sender: str = "380671112233", text: str = "STOP", token: str = INBOUND_TOKEN):
    return client.get(INBOUND, query_string={"token": token, "from": sender, "text": text})


@pytest.mark.parametrize("text", ["STOP", "СТОП", " stop  all ", "ВІДПИСАТИСЯ", "Отписаться"])
def test_an_inbound_stop_stops_sms_and_is_confirmed_once(scripted, gateways, client, text):
    someone = person(scripted)
    dispatch_due(scripted)

    assert inbound(client, text=text).json == {"outcome": "opted_out"}
    assert inbound(client, text=text).json == {"outcome": "already"}
    deliver(scripted, event("grants.application.rejected", {
        "application_id": "1b2c3d4e-5f60-4a1b-8c9d-0e1f2a3b4c5d",
        "programme_id": "8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d", "beneficiary_id": someone}))
    dispatch_due(scripted)

    assert [m.template for m in gateways["sms"].sent] == ["welcome", "opt_out_confirmed"]
    assert gateways["sms"].sent[-1].to == PHONE
    assert "більше не отримуватимете" in gateways["sms"].sent[-1].body
    rejected = [m for m in messages_of(scripted, someone) if m["template"] == "application_rejected"]
    assert (rejected[0]["status"], rejected[0]["reason"]) == ("failed", "opted_out")
    assert outbox_types(scripted).count(CONTACT_OPTED_OUT) == 1


def test_the_confirmation_goes_even_once_consent_is_withdrawn_and_the_number_forgotten(
        scripted, gateways, client):
    someone = person(scripted)
    inbound(client)
    # intake records the withdrawal: consent to SMS gone, the number with it
    consent_change(scripted, someone, sms=False)
    deliver(scripted, event("intake.beneficiary.contact_changed", {
        "beneficiary_id": someone, "preferred_language": "uk", "sms": None, "email": None}))
    dispatch_due(scripted)

    assert [(m.template, m.to) for m in gateways["sms"].sent] == [("opt_out_confirmed", PHONE)]
    confirmation = [m for m in messages_of(scripted, someone) if m["template"] == "opt_out_confirmed"]
    assert confirmation[0]["sealed_to"] is None  # the sealed number went with the sending


def test_a_shared_phone_opts_out_everyone_on_it_with_one_confirmation(scripted, gateways, client):
    first, second = person(scripted), person(scripted)
    inbound(client, sender="+380671112233")
    dispatch_due(scripted)

    assert [m.template for m in gateways["sms"].sent].count("opt_out_confirmed") == 1
    assert outbox_types(scripted).count(CONTACT_OPTED_OUT) == 2
    assert {m["template"] for m in messages_of(scripted, first) + messages_of(scripted, second)
            if m["status"] == "failed"} == {"welcome"}


def test_sms_consent_recorded_after_the_stop_lifts_it(scripted, gateways, client, clock):
    someone = person(scripted)
    inbound(client)
    clock.advance(minutes=5)
    consent_change(scripted, someone, sms=True)
    with scripted.reading() as session:
        assert recipients.find(session, someone)["sms_opted_out_at"] is None


def test_an_inbound_sms_without_the_token_is_refused(scripted, client):
    person(scripted)
    assert inbound(client, token="wrong").status_code == 403
    assert outbox_types(scripted) == []


def test_other_replies_and_unknown_numbers_are_ignored(scripted, client):
    person(scripted)
    assert inbound(client, text="Дякую").json == {"outcome": "ignored"}
    assert inbound(client, sender="380509999999").json == {"outcome": "ignored"}
    assert outbox_types(scripted) == []


def test_no_number_reaches_the_log(scripted, client, captured_log):
    person(scripted)
    inbound(client)
    dispatch_due(scripted)
    assert "671112233" not in captured_log.text


def test_the_stop_is_found_by_a_keyed_index_never_by_the_number(scripted):
    someone = person(scripted)
    with scripted.reading() as session:
        rows = session.execute(select(sms_numbers)).all()
    assert [r.beneficiary_id for r in rows] == [someone]
    assert "671112233" not in rows[0].number_index


def test_a_permanent_failure_leaves_no_sealed_number_behind(scripted, gateways, client):
    gateways["sms"].answers = [PermanentFailure("kannel_http_400")]
    someone = person(scripted)
    inbound(client)
    dispatch_due(scripted)
    dispatch_due(scripted)
    assert all(m["sealed_to"] is None for m in messages_of(scripted, someone))
