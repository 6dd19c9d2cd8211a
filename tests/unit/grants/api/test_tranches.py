"""Tranches: released once (same Idempotency-Key, same answer) by a finance officer who did
not approve the grant, once its conditions are met; paid with the bank's reference at the
payment date's rate; reversed with a reason, restoring the envelope; the grant closes
with its last tranche."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

KEY = "3b1f0c9e-release-1"


@pytest.fixture
def grant(world):
    programme = world.programme(approval_tiers=[])
    return world.approved_grant(programme["id"])  # 50,000 UAH: 35,000 then 15,000 after a visit


def events(world, event_type: str) -> list[str]:
    outbox = world.runtime.outbox.tables.outbox
    with world.runtime.reading() as session:
        return list(session.execute(select(outbox.c.payload).where(
            outbox.c.event_type == event_type)).scalars())


def rule(response) -> str:
    return response.get_json()["errors"]["rule"]


def test_the_same_release_sent_five_times_answers_the_same_and_releases_once(world, grant):
    first, second = grant["tranches"]
    answers = [world.release(first["id"], KEY) for _ in range(5)]

    assert {a.status_code for a in answers} == {200}
    assert all(a.get_json() == answers[0].get_json() for a in answers)
    assert answers[0].get_json()["status"] == "released"
    assert len(events(world, "grants.tranche.released")) == 1


def test_a_release_with_another_key_finds_the_tranche_released(world, grant):
    first = grant["tranches"][0]
    world.release(first["id"], KEY)

    again = world.release(first["id"], "another-key-0001")

    assert again.status_code == 409 and rule(again) == "released_once"


def test_a_key_used_for_another_tranche_is_refused(world, grant):
    world.release(grant["tranches"][0]["id"], KEY)

    reused = world.release(grant["tranches"][1]["id"], KEY)

    assert reused.status_code == 422 and rule(reused) == "idempotency_key_per_request"


def test_a_release_without_an_idempotency_key_is_a_400(world, grant):
    assert world.release(grant["tranches"][0]["id"]).status_code == 400


def test_whoever_approved_the_grant_does_not_release_its_tranches(world):
    programme = world.programme(approval_tiers=[])
    plan = world.reviewed_plan(programme["id"])
    approved = world.ok(world.client().post(f"/applications/{plan['id']}/decision", json={
        "outcome": "approve", "reason": "viable"}, headers=world.headers("admin", "ada")))
    tranche = world.grant(approved["grant_id"])["tranches"][0]

    refused = world.release(tranche["id"], KEY, officer="ada", role="admin")

    assert refused.status_code == 409 and rule(refused) == "releaser_not_approver"
    assert world.release(tranche["id"], KEY, officer="fiona").status_code == 200


def test_the_second_tranche_waits_for_the_first_payment_and_an_operating_business(world, grant):
    first, second = grant["tranches"]

    early = world.release(second["id"], "k-second-1")
    assert rule(early) == "previous_tranche_paid"
    assert {c["rule"] for c in early.get_json()["errors"]["conditions"]} == {
        "previous_tranche_paid", "monitoring_visit"}

    world.release(first["id"], KEY)
    world.ok(world.pay(first["id"]))
    world.visit(grant["id"], operating=False)
    assert rule(world.release(second["id"], "k-second-2")) == "monitoring_visit"

    world.visit(grant["id"], operating=True)
    assert world.release(second["id"], "k-second-3").status_code == 200


def test_payment_counts_at_the_payment_dates_rate_and_the_last_one_closes_the_grant(world, grant):
    from shared.clock import utcnow

    first, second = grant["tranches"]
    world.ok(world.client().post(f"/programmes/{grant['programme_id']}/rates", json={
        "date": utcnow().date().isoformat(), "rate": "5", "source": "NBU"},
        headers=world.headers("finance_officer", "fred")), 201)
    world.release(first["id"], KEY)

    paid = world.ok(world.pay(first["id"]))

    assert (paid["paid_rate"], paid["paid_funding"]) == ("5", "7000.00")  # 35,000 UAH at 5
    envelope = world.envelope(grant["programme_id"])
    assert envelope["disbursed"] == {"funding": "7000.00", "local": "35000.00"}
    assert envelope["committed"] == {"funding": "12500.00", "local": "50000.00"}  # at approval

    world.visit(grant["id"])
    world.release(second["id"], "k-second")
    world.ok(world.pay(second["id"], reference="NBU-0002"))

    assert world.grant(grant["id"])["status"] == "closed"
    [closed] = events(world, "grants.grant.closed")
    assert '"paid_amount":"50000.00"' in closed


def test_the_same_payment_confirmed_twice_counts_once_another_reference_is_refused(world, grant):
    first = grant["tranches"][0]
    world.release(first["id"], KEY)

    assert world.pay(first["id"]).get_json() == world.pay(first["id"]).get_json()
    other = world.pay(first["id"], reference="NBU-9999")

    assert other.status_code == 409 and rule(other) == "paid_once"
    assert world.envelope(grant["programme_id"])["disbursed"]["local"] == "35000.00"
    assert len(events(world, "grants.tranche.paid")) == 1


def test_a_tranche_not_released_is_not_paid(world, grant):
    refused = world.pay(grant["tranches"][0]["id"])

    assert refused.status_code == 409 and rule(refused) == "released_first"


def test_a_reversal_needs_a_reason_and_gives_the_money_back_to_the_envelope(world, grant):
    first, second = grant["tranches"]
    world.release(first["id"], KEY)
    world.pay(first["id"])
    url = f"/tranches/{first['id']}/reversal"
    headers = world.headers("finance_officer", "fiona")

    assert world.client().post(url, json={}, headers=headers).status_code == 422
    reversed_ = world.ok(world.client().post(url, json={"reason": "Bank returned the payment"},
                                             headers=headers))

    assert reversed_["status"] == "reversed"
    envelope = world.envelope(grant["programme_id"])
    assert envelope["committed"] == {"funding": "3750.00", "local": "15000.00"}
    assert envelope["disbursed"] == {"funding": "0.00", "local": "0.00"}


def test_an_in_kind_tranche_is_released_to_its_supplier_against_an_invoice(world):
    supplier = world.ok(world.client().post("/suppliers", json={
        "name": "Agro-Tekh", "registration_code": "14360570",
        "iban": "UA213223130000026007233566001"}, headers=world.headers("finance_officer", "fred")), 201)
    programme = world.programme(approval_tiers=[])
    grant = world.approved_grant(programme["id"], modality="in_kind", budget_lines=[
        {"item": "Oven", "quantity": "1", "unit_cost": "50000.00", "supplier_id": supplier["id"]}])
    first = grant["tranches"][0]

    assert rule(world.release(first["id"], KEY)) == "supplier_invoice"
    released = world.ok(world.release(first["id"], "k-with-invoice", invoice_reference="INV-77"))

    assert released["payee"] == "supplier" and released["supplier_id"] == supplier["id"]
    assert '"payee":"supplier"' in events(world, "grants.tranche.released")[0]


def test_grant_officers_and_caseworkers_do_not_release(world, grant):
    for role in ("grant_officer", "caseworker", "me_officer"):
        assert world.release(grant["tranches"][0]["id"], KEY, role=role).status_code == 403


def test_an_unknown_tranche_is_a_404(world):
    assert world.release(str(uuid.uuid4()), KEY).status_code == 404


def test_a_payment_returned_after_the_grant_closed_closes_nothing_again(world, grant):
    first, second = grant["tranches"]
    world.release(first["id"], KEY)
    world.pay(first["id"])
    world.visit(grant["id"])
    world.release(second["id"], "k-second")
    world.pay(second["id"], reference="NBU-0002")

    returned = world.client().post(f"/tranches/{second['id']}/reversal", json={
        "reason": "The bank returned the payment"}, headers=world.headers("finance_officer", "fiona"))

    assert returned.status_code == 200
    assert len(events(world, "grants.grant.closed")) == 1
    assert world.envelope(grant["programme_id"])["disbursed"]["local"] == "35000.00"
