"""Bindings match routing keys as RabbitMQ matches them, so a binding means the same on
both brokers (kombu's virtual topic exchange does not: its ``a.#`` misses ``a``)."""

import pytest

from shared.messaging.embedded.routing import matches, topic_matches


@pytest.mark.parametrize("pattern, key", [
    ("intake.beneficiary.registered", "intake.beneficiary.registered"),
    ("intake.*.registered", "intake.beneficiary.registered"),
    ("intake.#", "intake.beneficiary.registered"),
    ("intake.#", "intake"),
    ("#", "training.enrolment.completed"),
    ("#.completed", "training.enrolment.completed"),
    ("intake.#.registered", "intake.registered"),
    ("*.*.*", "a.b.c"),
])
def test_a_topic_binding_takes_the_keys_rabbitmq_gives_it(pattern, key):
    assert topic_matches(pattern, key)


@pytest.mark.parametrize("pattern, key", [
    ("intake.beneficiary.registered", "intake.beneficiary.updated"),
    ("intake.*", "intake.beneficiary.registered"),
    ("*.beneficiary", "intake.beneficiary.registered"),
    ("intake.#.erased", "intake.beneficiary.registered"),
    ("intake.beneficiary.registered", "intake.beneficiary.registered.again"),
])
def test_a_topic_binding_refuses_the_keys_rabbitmq_refuses(pattern, key):
    assert not topic_matches(pattern, key)


def test_a_direct_binding_takes_its_key_only_and_a_fanout_binding_takes_everything():
    assert matches("direct", "training", "training")
    assert not matches("direct", "training", "grants")
    assert not matches("direct", "#", "training")
    assert matches("fanout", "", "anything.at.all")
