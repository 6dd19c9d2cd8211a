"""Events between services: outbox, relay, idempotent consumer, topology, dead letters."""
