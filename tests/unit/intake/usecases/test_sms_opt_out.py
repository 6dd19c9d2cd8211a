"""A beneficiary's STOP to an SMS, announced by notifications, is recorded by intake as
the withdrawal of consent to SMS, announced to every service (consent, and the channels
left); an opt-out for someone erased or already withdrawn changes nothing."""

from __future__ import annotations

import json

from sqlalchemy import select

from services.intake.usecases.opt_outs import RECORDED_BY
from shared.clock import utcnow
from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import BENEFICIARY_CONSENT_CHANGED, BENEFICIARY_CONTACT_CHANGED
from shared.events.contracts.notifications import CONTACT_OPTED_OUT
from shared.events.envelope import Envelope
from shared.roles import CASEWORKER
from tests.support.registrations import registration


def opted_out(runtime, beneficiary_id: str) -> None:
    data = CONTRACTS.serialize(CONTACT_OPTED_OUT, 1, {
        "beneficiary_id": beneficiary_id, "channel": "sms", "opted_out_at": utcnow()})
    envelope = Envelope.new(CONTACT_OPTED_OUT, data, "notifications")
    with runtime.unit_of_work() as work:
        runtime.handlers[CONTACT_OPTED_OUT](work.session, envelope)


def events_after(runtime, seq: int) -> list[tuple[str, str]]:
    outbox = runtime.outbox.tables.outbox
    with runtime.reading() as session:
        return list(session.execute(select(outbox.c.event_type, outbox.c.payload)
                                    .where(outbox.c.seq > seq).order_by(outbox.c.seq)).all())


def last_seq(runtime) -> int:
    outbox = runtime.outbox.tables.outbox
    with runtime.reading() as session:
        return max(session.execute(select(outbox.c.seq)).scalars(), default=0)


def test_a_stop_withdraws_consent_to_sms_and_is_announced(client, bearer, intake_runtime):
    beneficiary_id = client.post("/beneficiaries", json=registration(),
                                 headers=bearer(CASEWORKER)).json["id"]
    seq = last_seq(intake_runtime)
    opted_out(intake_runtime, beneficiary_id)

    consent = client.get(f"/beneficiaries/{beneficiary_id}/consents", headers=bearer(CASEWORKER)).json
    assert consent["current"]["sms"] is False and consent["current"]["case_management"] is True
    assert consent["history"][-1]["recorded_by"] == RECORDED_BY
    announced = events_after(intake_runtime, seq)
    assert [event_type for event_type, _ in announced] == [BENEFICIARY_CONSENT_CHANGED,
                                                           BENEFICIARY_CONTACT_CHANGED]
    assert json.loads(announced[0][1])["data"]["consents"]["sms"] is False
    assert "+38067" not in announced[1][1]  # the contact event is sealed, and has no phone now


def test_a_second_stop_or_one_for_someone_erased_changes_nothing(client, bearer, intake_runtime):
    beneficiary_id = client.post("/beneficiaries", json=registration(),
                                 headers=bearer(CASEWORKER)).json["id"]
    opted_out(intake_runtime, beneficiary_id)
    seq = last_seq(intake_runtime)
    opted_out(intake_runtime, beneficiary_id)
    assert events_after(intake_runtime, seq) == []

    erased = client.post("/beneficiaries", json=registration(), headers=bearer(CASEWORKER)).json["id"]
    client.post(f"/beneficiaries/{erased}/erasure", json={"reason": "asked"},
                headers=bearer(CASEWORKER))
    seq = last_seq(intake_runtime)
    opted_out(intake_runtime, erased)
    assert events_after(intake_runtime, seq) == []
