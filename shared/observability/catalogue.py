"""Every metric the platform exposes, declared once: the instruments the code counts and
times with, and the figures read from the database and the broker when scraped.

The alert rules (``deploy/prometheus/``) and the dashboard (``deploy/grafana/``) use these
names; a test holds them to this list. Labels are bounded and never personal: a route
template (never the path with its ids), an HTTP method and status, an event type, an
outcome, a queue's role, a programme's id and currency.
"""

from __future__ import annotations

from shared.metrics import Spec

# Seconds: from a fast read to an import's batch or a slow handler.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

# -- web processes -----------------------------------------------------------------------
HTTP_REQUESTS = Spec(
    "counter", "vidnova_http_requests_total",
    "HTTP requests answered, by route template, method and status",
    ("route", "method", "status"))
HTTP_DURATION = Spec(
    "histogram", "vidnova_http_request_duration_seconds",
    "Time to answer an HTTP request, by route template and method",
    ("route", "method"), buckets=LATENCY_BUCKETS)

# -- the outbox relay --------------------------------------------------------------------
RELAY_PUBLISHED = Spec(
    "counter", "vidnova_relay_events_published_total",
    "Outbox events handed to the broker by the relay, by event type", ("event_type",))
RELAY_SETTLED = Spec(
    "counter", "vidnova_relay_events_settled_total",
    "What the broker said of each published event: confirmed, returned (NO_ROUTE: no queue "
    "bound), nacked or too-large", ("event_type", "outcome"))
RELAY_REPUBLISHED = Spec(
    "counter", "vidnova_outbox_events_republished_total",
    "Events published again because their first publication was not recorded")

# -- the idempotent consumer -------------------------------------------------------------
CONSUMER_MESSAGES = Spec(
    "counter", "vidnova_consumer_messages_total",
    "Messages the consumer finished with, by event type and outcome: processed, duplicate "
    "(skipped), retried, dead-lettered, ignored", ("event_type", "outcome"))
CONSUMER_HANDLER_DURATION = Spec(
    "histogram", "vidnova_consumer_handler_duration_seconds",
    "Time a handler took for one event, by event type", ("event_type",), buckets=LATENCY_BUCKETS)
CONSUMER_LAST_POLL = Spec(
    "gauge", "vidnova_consumer_last_poll_timestamp_seconds",
    "When the consumer last looked for messages (Unix time): stale means it is stuck or dead")

# -- services' own -----------------------------------------------------------------------
IMPORT_ROWS = Spec(
    "counter", "vidnova_intake_import_rows_total",
    "Rows of imported files, by outcome: registered, rejected, duplicate (held back)",
    ("outcome",), owner="intake")
ORPHAN_KEYS_DESTROYED = Spec(
    "counter", "vidnova_intake_orphan_data_keys_destroyed_total",
    "Data keys destroyed by the orphan-key sweep, by whose they were (nobody's, an erased one's)",
    ("beneficiary",), owner="intake")
NOTIFICATION_MESSAGES = Spec(
    "counter", "vidnova_notifications_messages_total",
    "Messages to beneficiaries, by channel (sms, email) and status (sent, delivered, failed)",
    ("channel", "status"), owner="notifications")
NOTIFICATION_GATEWAY_ERRORS = Spec(
    "counter", "vidnova_notifications_gateway_errors_total",
    "Errors of the SMS and e-mail gateways, by gateway and error type", ("gateway", "error"),
    owner="notifications")

INSTRUMENTS = (HTTP_REQUESTS, HTTP_DURATION, RELAY_PUBLISHED, RELAY_SETTLED, RELAY_REPUBLISHED,
               CONSUMER_MESSAGES, CONSUMER_HANDLER_DURATION, CONSUMER_LAST_POLL, IMPORT_ROWS,
               ORPHAN_KEYS_DESTROYED, NOTIFICATION_MESSAGES, NOTIFICATION_GATEWAY_ERRORS)

# -- figures, read when a worker is scraped ----------------------------------------------
OUTBOX_PENDING = Spec(
    "gauge", "vidnova_outbox_pending_events", "Events in the outbox not yet published")
OUTBOX_OLDEST_AGE = Spec(
    "gauge", "vidnova_outbox_oldest_pending_age_seconds",
    "Age of the oldest event waiting in the outbox (0 when none waits)")
QUEUE_MESSAGES = Spec(
    "gauge", "vidnova_queue_messages",
    "Messages in the service's queues, by queue: main (to handle), retry (waiting out a "
    "back-off), dead-letter (given up on: an operator's turn)", ("queue",))
FIGURES_UP = Spec(
    "gauge", "vidnova_figures_up",
    "1 if the figures of a source (database, broker) could be read at this scrape, else 0",
    ("source",))
ENVELOPE_BUDGET = Spec(
    "gauge", "vidnova_grants_envelope_budget",
    "A programme's envelope, in its funding currency", ("programme_id", "currency"), owner="grants")
ENVELOPE_COMMITTED = Spec(
    "gauge", "vidnova_grants_envelope_committed",
    "Grants committed against a programme's envelope, in its funding currency",
    ("programme_id", "currency"), owner="grants")
ENVELOPE_DISBURSED = Spec(
    "gauge", "vidnova_grants_envelope_disbursed",
    "Tranches paid out of a programme's envelope, in its funding currency",
    ("programme_id", "currency"), owner="grants")

FIGURES = (OUTBOX_PENDING, OUTBOX_OLDEST_AGE, QUEUE_MESSAGES, FIGURES_UP, ENVELOPE_BUDGET,
           ENVELOPE_COMMITTED, ENVELOPE_DISBURSED)

EVERYTHING = INSTRUMENTS + FIGURES


def instruments_for(service: str) -> tuple[Spec, ...]:
    """The instruments a process of ``service`` declares (the platform's and its own)."""
    return tuple(spec for spec in INSTRUMENTS if spec.owner in (None, service))
