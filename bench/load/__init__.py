"""``python -m bench.load`` (part of ``make bench``): many beneficiaries through the whole
journey at once, over the public HTTP APIs, against the platform as operators run it.

Every service runs as its own gunicorn web and worker processes in production mode on
RabbitMQ and PostgreSQL (the run's own broker prefix and databases), notifications sending
through a real Kannel to its fake SMSC: the e2e suite's ``ProcessPlatform``. Each person is
taken through the e2e journey's steps (``tests.support.journey_steps``): registered with
consent to SMS, enrolled in a business-skills cohort, marked present, completed, a business
plan submitted, scored by two reviewers, approved, tranche 1 released and paid, a
monitoring visit, tranche 2 released and paid (the grant closed).

Two phases on the same platform: a few people by one client (the baseline), then
``--people`` by ``--clients`` clients at once. Each prints journeys a second, the time
from sending the registration to the welcome SMS's last part at the fake SMSC (p50/p99,
aim p99 under 1 s), whether every SMS expected arrived once, and the peak depths sampled
while it ran: each service's RabbitMQ queues (messages ready), each outbox's pending rows,
the run's PostgreSQL connections and those waiting for a lock.
"""
