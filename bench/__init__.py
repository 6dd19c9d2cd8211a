"""``make bench``: how fast events go through Vidnova's messaging path, against plain kombu.

One run, on one RabbitMQ and one PostgreSQL, measures:

1. baseline: plain kombu publishing persistent messages of an envelope's size to a
   topic exchange while a consumer acks each one (median of a few rounds);
2. vidnova: writer processes commit one ``intake.beneficiary.registered`` event per
   transaction through intake's outbox while intake's worker (the relay: confirms,
   mandatory, persistent) and training's worker (the idempotent consumer with training's
   real handler table) run, each in its own process, built by ``shared.worker.Worker``;
   the ratio vidnova / baseline is the headline;
3. vidnova drain: the same two workers emptying an outbox that is already full, i.e.
   the messaging machinery without the writers' cost;
4. latency: commit to handler start, at a steady rate below saturation.

It also meters CPU per event by party (this process, writers, each worker, PostgreSQL,
RabbitMQ, the rest of the machine), which says where the time goes. Everything it
creates (broker prefix, databases) is private to the run and removed at the end, also
when the run fails or is interrupted.
"""
