"""A beneficiary's message history for caseworkers (template, channel, status, times;
never the number), counts for other staff, rates for M&E, and the embedded sinks."""

from __future__ import annotations

from datetime import date, timedelta

from services.notifications.domain.delivery import PermanentFailure
from services.notifications.usecases.dispatch import dispatch_due
from shared.roles import CASEWORKER, GRANT_OFFICER, ME_OFFICER, TRAINER
from tests.support.notifications.people import PHONE, consent_change, person


def test_a_caseworker_sees_each_message_without_its_number_or_text(client, bearer, notifications):
    someone = person(notifications)
    dispatch_due(notifications)

    answer = client.get(f"/beneficiaries/{someone}/messages", headers=bearer(CASEWORKER))
    assert answer.status_code == 200
    (message,) = answer.json
    assert (message["template"], message["channel"], message["status"], message["language"]) == (
        "welcome", "sms", "sent", "uk")
    assert message["sent_at"] and "body" not in message
    assert "671112233" not in answer.get_data(as_text=True)


def test_other_staff_see_counts_only(client, bearer, notifications):
    someone = person(notifications)
    dispatch_due(notifications)
    assert client.get(f"/beneficiaries/{someone}/messages", headers=bearer(TRAINER)).status_code == 403
    counts = client.get(f"/beneficiaries/{someone}/messages/counts", headers=bearer(TRAINER)).json
    assert counts == {"queued": 0, "sending": 0, "sent": 1, "delivered": 0, "failed": 0}


def test_the_report_gives_rates_by_template_and_channel(client, bearer, scripted, gateways, clock):
    gateways["sms"].answers = [PermanentFailure("kannel_http_400")]
    for n in range(4):
        person(scripted, sms=f"+38067111223{n}")
    unconsented = person(scripted, sms="+380671112239")
    consent_change(scripted, unconsented, sms=False)
    for _ in range(2):
        dispatch_due(scripted)
    today = clock().date()

    report = client.get("/reports/messages", query_string={"start": today.isoformat(),
                                                           "end": today.isoformat()},
                        headers=bearer(ME_OFFICER)).json
    assert report["rates"] == [{
        "template": "welcome", "channel": None, "messages": 1, "sent": 0, "delivered": 0,
        "failed": 1, "sent_rate": 0.0, "delivered_rate": 0.0, "failed_rate": 1.0}, {
        "template": "welcome", "channel": "sms", "messages": 4, "sent": 3, "delivered": 0,
        "failed": 1, "sent_rate": 0.75, "delivered_rate": 0.0, "failed_rate": 0.25}]
    earlier = (today - timedelta(days=3)).isoformat()
    assert client.get("/reports/messages", query_string={"start": earlier, "end": earlier},
                      headers=bearer(ME_OFFICER)).json["rates"] == []
    assert client.get("/reports/messages", query_string={"start": today, "end": date(2020, 1, 1)},
                      headers=bearer(ME_OFFICER)).status_code == 422
    assert client.get("/reports/messages", query_string={"start": today, "end": today},
                      headers=bearer(GRANT_OFFICER)).status_code == 403


def test_the_embedded_sink_is_readable_through_the_api(client, bearer, notifications):
    someone = person(notifications)
    dispatch_due(notifications)
    recorded = client.get("/sinks/sms", query_string={"beneficiary_id": someone},
                          headers=bearer(CASEWORKER)).json
    assert [(r["template"], r["body"][:7]) for r in recorded] == [("welcome", "Вітаємо")]
    assert PHONE not in str(recorded)
    assert client.get("/sinks/email", headers=bearer(CASEWORKER)).json == []
