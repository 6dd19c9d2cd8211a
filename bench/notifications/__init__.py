"""``python -m bench.notifications`` (part of ``make bench``): notifications' SMS path
through a real Kannel to its fake SMSC, on the run's own PostgreSQL database and
RabbitMQ prefix, removed after.

1. Throughput: N messages queued in notifications, sent by its sending round (claim and
   mark *sending*, render, Kannel's sendsms with a delivery report asked for, settle),
   until the fake SMSC has them all; beside N direct ``sendsms`` calls to the same Kannel
   in the same run, timed the same way. The ratio says what the send-once protocol costs.
2. Latency: ``training.enrolment.created`` events published at a steady rate to the
   broker; a real notifications worker (consumer, sending round) sends each person's SMS;
   the time from publishing to the fake SMSC's line for that number, p50 and p99.

Kannel, its fake SMSC and notifications' served web app (for delivery reports) come from
the tests' support (``tests.support.kannel``), as the integration tests run them.
"""
