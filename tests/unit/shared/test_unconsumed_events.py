"""Events of a type no service consumes go to one bounded queue, so the relay publishes
them once instead of retrying NO_ROUTE forever; a type nothing at all is bound to is
still refused (a configuration error), and a type that gains a consumer leaves the
bounded queue. Declared by ``migrate`` on the embedded default, as on RabbitMQ."""

from __future__ import annotations

import pytest
from kombu import Producer

from services.platform import SERVICES
from shared import config
from shared.cli.setup import migrate
from shared.events.contracts import CONTRACTS
from shared.messaging.broker import connect
from shared.messaging.embedded.errors import Unroutable
from shared.messaging.topology import UNCONSUMED_KEPT, Topology
from tests.support.fixtures import TEST_SECRET

CONSUMED = set().union(*(service.routing_keys for service in SERVICES))
UNCONSUMED = CONTRACTS.event_types() - CONSUMED


@pytest.fixture
def env(tmp_path) -> dict:
    env = {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET}
    migrate(SERVICES, env)
    return env


def broker(env):
    settings = config.from_env("intake", env)
    return Topology.from_settings(settings), connect(settings)


def bound_to_unconsumed(env) -> set[str]:
    topology, connection = broker(env)
    with connection:
        return {key for queue, _, key in connection.default_channel.store.bindings()
                if queue == topology.unconsumed_queue_name}


def publish(env, event_type: str) -> None:
    topology, connection = broker(env)
    with connection:
        Producer(connection.default_channel).publish(
            {"id": "e"}, exchange=topology.exchange, routing_key=event_type, mandatory=True,
            retry=False)


def test_some_contract_types_have_no_consumer_today():
    assert "grants.grant.closed" in UNCONSUMED  # the premise of the tests below


def test_the_unconsumed_queue_is_bound_to_exactly_the_types_no_service_consumes(env):
    assert bound_to_unconsumed(env) == UNCONSUMED


@pytest.mark.parametrize("event_type", sorted(UNCONSUMED))
def test_an_event_no_service_consumes_is_published_into_the_bounded_queue(env, event_type):
    publish(env, event_type)

    topology, connection = broker(env)
    with connection:
        assert connection.default_channel.store.size(topology.unconsumed_queue_name) == 1


def test_an_event_a_service_consumes_does_not_go_to_the_unconsumed_queue(env):
    publish(env, "intake.beneficiary.registered")

    topology, connection = broker(env)
    with connection:
        store = connection.default_channel.store
        assert store.size(topology.unconsumed_queue_name) == 0
        assert store.size(topology.queue_name("training")) == 1


def test_an_event_of_a_type_outside_every_contract_is_still_refused_as_no_route(env):
    with pytest.raises(Unroutable):
        publish(env, "intake.beneficiary.misrouted")


def test_a_type_that_gains_a_consumer_leaves_the_unconsumed_queue(env):
    gained = sorted(UNCONSUMED)[0]
    topology, connection = broker(env)
    with connection:
        topology.declare_unconsumed(connection, CONTRACTS.event_types(), CONSUMED | {gained})

    assert bound_to_unconsumed(env) == UNCONSUMED - {gained}


def test_the_unconsumed_queue_is_bounded_dropping_its_oldest():
    queue = Topology("t", amqp=True).unconsumed_queue({"grants.grant.closed"})
    assert queue.queue_arguments == {"x-queue-type": "quorum", "x-max-length": UNCONSUMED_KEPT,
                                     "x-overflow": "drop-head"}
    assert queue.durable
