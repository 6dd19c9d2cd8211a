"""Which bindings a routing key matches, as RabbitMQ decides it.

kombu's virtual topic exchange reads ``#`` as "anything after a dot", so ``a.#`` would
not match ``a``; RabbitMQ's ``#`` is zero or more words. Routing here follows RabbitMQ,
so a binding means the same on both brokers.
"""

from __future__ import annotations

from functools import lru_cache

DIRECT, TOPIC, FANOUT = "direct", "topic", "fanout"
EXCHANGE_TYPES = (DIRECT, TOPIC, FANOUT)


def matches(exchange_type: str, binding_key: str, routing_key: str) -> bool:
    """Whether a message with ``routing_key`` goes to a queue bound with ``binding_key``."""
    if exchange_type == FANOUT:
        return True
    if exchange_type == TOPIC:
        return topic_matches(binding_key, routing_key)
    return binding_key == routing_key


@lru_cache(maxsize=4096)
def topic_matches(pattern: str, routing_key: str) -> bool:
    """``*`` stands for exactly one word, ``#`` for zero or more; words are dot-separated."""
    return _words_match(tuple(pattern.split(".")), tuple(routing_key.split(".")))


def _words_match(pattern: tuple[str, ...], words: tuple[str, ...]) -> bool:
    if not pattern:
        return not words
    head, rest = pattern[0], pattern[1:]
    if head == "#":
        return any(_words_match(rest, words[skip:]) for skip in range(len(words) + 1))
    if not words:
        return False
    return head in ("*", words[0]) and _words_match(rest, words[1:])
