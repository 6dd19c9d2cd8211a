"""``make bench``: how fast events go through Vidnova's messaging path, against plain kombu.

One run, on one RabbitMQ and one PostgreSQL, measures:

1. the baseline: plain kombu publishing persistent messages to a topic exchange while a
   consumer acks each one;
2. the Vidnova path: intake's outbox (one committed transaction per event), its relay
   (confirms, mandatory, persistent) and training's idempotent consumer with its real
   handler table;
3. commit-to-handler latency on that path at a steady rate below saturation.

Everything it creates (broker prefix, databases) is private to the run and removed at
the end, also when the run fails.
"""
