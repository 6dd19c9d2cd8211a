"""A redelivered ``grants.tranche.released`` has one effect downstream: one payment order."""

from __future__ import annotations

from sqlalchemy import func, select

from services.grants.adapters.tables import payment_orders
from services.grants.service import SERVICE
from shared.events.contracts import CONTRACTS
from shared.events.contracts.grants import TRANCHE_RELEASED
from shared.events.envelope import Envelope
from shared.messaging.consumer import DUPLICATE, PROCESSED, EventConsumer
from shared.messaging.topology import Topology
from tests.support.event_samples import SAMPLES
from tests.support.fake_message import FakeMessage


def no_broker(*_args, **_kwargs):
    raise AssertionError("the consumer must not connect in these tests")


def released(tranche_id: str | None = None) -> Envelope:
    data = dict(SAMPLES[(TRANCHE_RELEASED, 1)])
    if tranche_id:
        data["tranche_id"] = tranche_id
    return Envelope.new(TRANCHE_RELEASED, CONTRACTS.serialize(TRANCHE_RELEASED, 1, data), "grants")


def orders(runtime) -> int:
    with runtime.reading() as session:
        return session.execute(select(func.count()).select_from(payment_orders)).scalar_one()


def consumer(runtime) -> EventConsumer:
    return EventConsumer("grants", runtime.db, SERVICE.messaging, runtime.handlers,
                         Topology(prefix="t", amqp=True), no_broker)


def test_a_redelivered_release_orders_the_payment_once(world):
    grant = world.approved_grant(world.programme(approval_tiers=[])["id"])
    event = released(grant["tranches"][0]["id"])
    worker = consumer(world.runtime)

    outcomes = [worker.on_message(FakeMessage(event.to_json())) for _ in range(3)]

    assert outcomes == [PROCESSED, DUPLICATE, DUPLICATE]
    assert orders(world.runtime) == 1


def test_a_second_release_event_of_the_same_tranche_orders_nothing_more(world):
    grant = world.approved_grant(world.programme(approval_tiers=[])["id"])
    tranche_id = grant["tranches"][0]["id"]
    worker = consumer(world.runtime)

    worker.on_message(FakeMessage(released(tranche_id).to_json()))
    worker.on_message(FakeMessage(released(tranche_id).to_json()))  # a new event id

    assert orders(world.runtime) == 1


def test_grants_queue_is_bound_to_its_own_release_and_to_intake_and_training():
    assert set(SERVICE.routing_keys) == {
        "intake.beneficiary.registered", "intake.beneficiary.updated",
        "intake.beneficiary.consent_changed", "intake.beneficiary.erased",
        "training.enrolment.completed", "grants.tranche.released"}
