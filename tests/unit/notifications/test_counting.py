"""What operators watch of notifications: messages counted by channel and status as they
settle (the SMS-failure alert divides *failed* by *sent* and *failed*), and gateway
errors by kind, never by the gateway's text."""

from __future__ import annotations

from services.notifications.domain.delivery import PermanentFailure, TransientFailure
from services.notifications.usecases.dispatch import dispatch_due
from shared.observability.catalogue import NOTIFICATION_GATEWAY_ERRORS, NOTIFICATION_MESSAGES
from tests.support.notifications.people import EMAIL, person


def messages(runtime, channel: str, status: str) -> float:
    return runtime.metrics.get(NOTIFICATION_MESSAGES).value(channel=channel, status=status)


def errors(runtime, gateway: str, error: str) -> float:
    return runtime.metrics.get(NOTIFICATION_GATEWAY_ERRORS).value(gateway=gateway, error=error)


def test_a_sent_sms_is_counted_once(notifications):
    person(notifications)
    person(notifications)
    dispatch_due(notifications)
    dispatch_due(notifications)
    assert messages(notifications, "sms", "sent") == 2
    assert messages(notifications, "sms", "failed") == 0


def test_a_delivery_report_counts_the_message_delivered(scripted, gateways, client):
    person(scripted)
    dispatch_due(scripted)
    token = gateways["sms"].sent[-1].report_token
    client.get("/gateways/kannel/dlr", query_string={"token": token, "status": 1})
    client.get("/gateways/kannel/dlr", query_string={"token": token, "status": 1})  # again
    assert messages(scripted, "sms", "delivered") == 1


def test_an_sms_refused_for_good_counts_a_failed_sms_and_the_email_that_took_over(
        scripted, gateways):
    gateways["sms"].answers = [PermanentFailure("kannel_http_400")]
    person(scripted, email=EMAIL, email_consent=True)
    dispatch_due(scripted)
    dispatch_due(scripted)
    assert messages(scripted, "sms", "failed") == 1
    assert messages(scripted, "email", "sent") == 1
    assert messages(scripted, "none", "failed") == 0
    assert errors(scripted, "sms", "PermanentFailure") == 1


def test_a_transient_refusal_is_a_gateway_error_but_not_a_failed_message(scripted, gateways):
    gateways["sms"].answers = [TransientFailure("kannel_http_503")]
    person(scripted)
    dispatch_due(scripted)
    assert errors(scripted, "sms", "TransientFailure") == 1
    assert messages(scripted, "sms", "failed") == 0


def test_a_message_with_no_channel_left_counts_one_failure_the_channel_s(scripted, gateways):
    gateways["sms"].answers = [PermanentFailure("kannel_http_400")]
    person(scripted)  # SMS alone: once it fails for good, nothing is left
    dispatch_due(scripted)
    dispatch_due(scripted)
    assert messages(scripted, "sms", "failed") == 1
    assert messages(scripted, "none", "failed") == 0  # the SMS failure was the one counted
