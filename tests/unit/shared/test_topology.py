"""Broker topology derived from the services' handler tables."""

import pytest

from services.platform import SERVICES
from shared import config
from shared.messaging.topology import Topology

CONSUMERS = [service for service in SERVICES if service.consumes]


def test_every_service_consumes_intake_too_since_it_records_sms_opt_outs():
    assert {service.name for service in CONSUMERS} == {"intake", "training", "grants", "notifications"}


@pytest.mark.parametrize("service", CONSUMERS, ids=lambda s: s.name)
def test_consumer_queue_is_bound_to_exactly_the_keys_of_the_handler_table(service):
    queue = Topology(prefix="t", amqp=True).consumer_queue(service.name, service.handlers)

    assert {b.routing_key for b in queue.bindings} == set(service.handlers)
    assert {b.exchange.name for b in queue.bindings} == {"t.events"}


@pytest.mark.parametrize("service", CONSUMERS, ids=lambda s: s.name)
def test_on_amqp_the_consumer_queue_is_a_quorum_queue_that_dead_letters_safely(service):
    queue = Topology(prefix="t", amqp=True, delivery_limit=7).consumer_queue(
        service.name, service.handlers)

    assert queue.name == f"t.{service.name}"
    assert queue.durable
    assert queue.queue_arguments == {
        "x-queue-type": "quorum",
        "x-dead-letter-exchange": "t.dead-letter",
        "x-dead-letter-routing-key": service.name,
        "x-dead-letter-strategy": "at-least-once",
        "x-overflow": "reject-publish",
        "x-delivery-limit": 7,
    }


def test_the_delivery_limit_comes_from_the_settings(tmp_path):
    settings = config.from_env("training", {
        "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": "s", "AMQP_URL": "amqp://h//",
        "VIDNOVA_DELIVERY_LIMIT": "9", "VIDNOVA_BROKER_PREFIX": "p"})

    queue = Topology.from_settings(settings).consumer_queue("training", {"a.b.c": None})

    assert queue.queue_arguments["x-delivery-limit"] == 9
    assert queue.name == "p.training"


def test_the_embedded_broker_gets_the_same_queues_with_the_same_arguments(tmp_path):
    """Retry by expiry, dead letters and the delivery limit work alike on both brokers."""
    settings = config.from_env("training", {"VIDNOVA_DATA_DIR": str(tmp_path),
                                            "JWT_SECRET": "s"})
    embedded, amqp = Topology.from_settings(settings), Topology("vidnova", amqp=True)

    assert not embedded.amqp
    for queue in ("consumer_queue", "retry_queue"):
        args = ("training", {"a.b.c": None}) if queue == "consumer_queue" else ("training",)
        assert (getattr(embedded, queue)(*args).queue_arguments
                == getattr(amqp, queue)(*args).queue_arguments), queue


def test_the_retry_queue_returns_messages_to_the_main_queue_through_the_default_exchange():
    retry = Topology(prefix="t", amqp=True).retry_queue("grants")

    assert retry.name == "t.grants.retry"
    assert retry.queue_arguments == {"x-queue-type": "quorum", "x-dead-letter-exchange": "",
                                     "x-dead-letter-routing-key": "t.grants",
                                     "x-dead-letter-strategy": "at-least-once",
                                     "x-overflow": "reject-publish"}


def test_every_queue_is_a_quorum_queue_so_a_cluster_losing_a_node_still_has_each():
    """A classic queue lives on one node: while it is down, a consumer could not declare
    it again, nor the relay route to it."""
    topology = Topology(prefix="t", amqp=True)
    queues = [topology.consumer_queue("grants", {"a.b.c": None}), topology.retry_queue("grants"),
              topology.dead_letter_queue("grants"), topology.unconsumed_queue({"x.y.z"})]

    assert [queue.queue_arguments["x-queue-type"] for queue in queues] == ["quorum"] * 4
    assert all(queue.durable for queue in queues)


def test_the_dead_letter_queue_takes_what_the_consumer_queue_dead_letters():
    topology = Topology(prefix="t", amqp=True)
    consumer = topology.consumer_queue("grants", {"a.b.c": None})
    dead = topology.dead_letter_queue("grants")

    assert dead.name == "t.grants.dead-letter"
    assert dead.exchange.name == consumer.queue_arguments["x-dead-letter-exchange"]
    assert dead.routing_key == consumer.queue_arguments["x-dead-letter-routing-key"]


def test_all_events_go_through_one_durable_topic_exchange():
    exchange = Topology(prefix="t", amqp=True).exchange

    assert (exchange.name, exchange.type, exchange.durable) == ("t.events", "topic", True)
