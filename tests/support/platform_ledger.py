"""The platform's books at the end of a test: every event written (outbox rows), published
(marked sent, and seen on the wire by the test's own pika client), applied by each
consumer that should apply it (its processed-ids table); every message notifications
sent, against the SMS parts Kannel's fake SMSC and the e-mails the SMTP server got.

``settle`` waits until the books balance or the time is up, prints them, and fails on
anything lost (an event not published or not applied where it is bound, a message not
at the SMSC) or doubled (a consequence written twice for one cause, an SMS part more
than sent). Reusable by any test that runs the platform as processes (``ProcessPlatform``)
and knows the numbers of the people it registered."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from services.notifications.adapters.tables import messages, recipients
from services.notifications.domain.delivery import DELIVERED, SENT
from shared.db import Database
from tests.support.process_platform import ProcessPlatform
from tests.support.sms_expectations import expected_text, parts_of, reassembles
from tests.support.waiting import eventually


@dataclass
class Books:
    written: dict[str, int] = field(default_factory=dict)  # producer -> outbox rows
    published: dict[str, int] = field(default_factory=dict)  # producer -> rows marked sent
    on_wire: dict[str, int] = field(default_factory=dict)  # producer -> distinct ids seen
    wire_copies: int = 0  # deliveries to the exchange beyond the first of an id (allowed)
    bound: dict[str, int] = field(default_factory=dict)  # consumer -> events it should apply
    applied: dict[str, int] = field(default_factory=dict)  # consumer -> of those, applied
    unpublished: list[str] = field(default_factory=list)
    unapplied: dict[str, list[str]] = field(default_factory=dict)
    doubled_events: list[tuple] = field(default_factory=list)  # (type, cause, subject, rows)
    sms_expected: int = 0  # parts of the SMS notifications says it sent
    sms_at_smsc: int = 0  # parts the fake SMSC got for the test's numbers
    sms_mismatched: list[str] = field(default_factory=list)  # beneficiaries whose parts differ
    emails_sent: int = 0
    emails_received: int = 0
    messages_waiting: int = 0  # queued or sending still
    messages_failed: Counter = field(default_factory=Counter)  # (template, reason) -> given up

    @property
    def lost(self) -> int:
        return (len(self.unpublished) + sum(map(len, self.unapplied.values()))
                + max(0, self.sms_expected - self.sms_at_smsc)
                + max(0, self.emails_sent - self.emails_received))

    @property
    def doubled(self) -> int:
        return (len(self.doubled_events) + max(0, self.sms_at_smsc - self.sms_expected)
                + max(0, self.emails_received - self.emails_sent))

    @property
    def balanced(self) -> bool:
        return (self.lost == 0 and self.doubled == 0 and not self.sms_mismatched
                and self.messages_waiting == 0)

    def report(self) -> str:
        lines = ["ledger", f"  {'producer':<14}{'written':>9}{'published':>11}{'on wire':>9}"]
        lines += [f"  {name:<14}{self.written[name]:>9}{self.published[name]:>11}"
                  f"{self.on_wire.get(name, 0):>9}" for name in self.written]
        lines.append(f"  copies on the wire beyond the first: {self.wire_copies}")
        lines.append(f"  {'consumer':<14}{'bound':>9}{'applied':>11}")
        lines += [f"  {name:<14}{self.bound[name]:>9}{self.applied[name]:>11}" for name in self.bound]
        lines.append(f"  SMS parts: sent {self.sms_expected}, at the SMSC {self.sms_at_smsc}; "
                     f"e-mails: sent {self.emails_sent}, received {self.emails_received}; "
                     f"messages still waiting {self.messages_waiting}, given up "
                     f"{dict(self.messages_failed) or 0}")
        lines.append(f"  lost = {self.lost}, doubled = {self.doubled}"
                     + (f", SMS texts not as sent for {len(self.sms_mismatched)}"
                        if self.sms_mismatched else ""))
        return "\n".join(lines)


class PlatformLedger:
    def __init__(self, running: ProcessPlatform, phones: Mapping[str, str]):
        """``phones``: beneficiary id -> the number registered for them."""
        self.running, self.phones = running, phones
        platform = running.platform
        self.databases = {name: Database(platform.settings(name).database_url)
                          for name in platform.services}

    def close(self) -> None:
        for db in self.databases.values():
            db.dispose()

    def __enter__(self) -> PlatformLedger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def settle(self, timeout: float = 90.0) -> Books:
        """The books once they balance (or as they stand after ``timeout``), printed;
        fails on anything lost or doubled."""
        try:
            books = eventually(lambda: (b := self.read()).balanced and b, timeout=timeout,
                               interval=0.5, what="the ledger to balance")
        except AssertionError:
            books = self.read()
        print(books.report())
        assert books.lost == 0 and books.doubled == 0, books.report()
        assert not books.sms_mismatched and books.messages_waiting == 0, books.report()
        return books

    # -- reading the books -------------------------------------------------------------
    def read(self) -> Books:
        books = Books()
        services = self.running.platform.services
        wire = Counter(seen.envelope["id"] for seen in self.running.wire.seen())
        books.wire_copies = sum(wire.values()) - len(wire)
        written: dict[str, str] = {}  # event id -> type
        for name, service in services.items():
            rows = self._rows(name, select(service.messaging.outbox))
            books.written[name] = len(rows)
            books.published[name] = sum(1 for row in rows if row["status"] == "sent")
            books.on_wire[name] = sum(1 for row in rows if row["event_id"] in wire)
            books.unpublished += [row["event_id"] for row in rows if row["event_id"] not in wire]
            written.update((row["event_id"], row["event_type"]) for row in rows)
            books.doubled_events += _doubled_consequences(rows)
        for name, service in services.items():
            if not service.consumes:
                continue
            bound = {event_id for event_id, kind in written.items() if kind in service.routing_keys}
            processed = set(self._scalars(name, select(service.messaging.processed_events.c.event_id)))
            books.bound[name], books.applied[name] = len(bound), len(bound & processed)
            if missing := sorted(bound - processed):
                books.unapplied[name] = missing
        self._count_messages(books)
        return books

    def _count_messages(self, books: Books) -> None:
        rows = self._rows("notifications", select(
            messages.c.beneficiary_id, messages.c.template, messages.c.variables,
            messages.c.channel, messages.c.status, messages.c.reason,
            recipients.c.preferred_language).join(
            recipients, recipients.c.beneficiary_id == messages.c.beneficiary_id))
        received = self.running.kannel.received()
        texts: dict[str, list[str]] = {}
        for row in rows:
            if row["status"] in ("queued", "sending"):
                books.messages_waiting += 1
            if row["status"] == "failed":
                books.messages_failed[(row["template"], row["reason"])] += 1
            if row["status"] not in (SENT, DELIVERED):
                continue
            if row["channel"] == "email":
                books.emails_sent += 1
                continue
            text = expected_text(row["template"], row["preferred_language"],
                                 json.loads(row["variables"]))
            texts.setdefault(row["beneficiary_id"], []).append(text)
            books.sms_expected += parts_of(text)
        for beneficiary_id, phone in self.phones.items():
            parts = [r.text for r in received if r.to == phone]
            books.sms_at_smsc += len(parts)
            if not reassembles(parts, texts.get(beneficiary_id, [])):
                books.sms_mismatched.append(beneficiary_id)
        books.emails_received = len(self.running.smtp.mailbox.messages)

    def _rows(self, service: str, statement) -> list:
        with self.databases[service].reading() as session:
            return list(session.execute(statement).mappings())

    def _scalars(self, service: str, statement) -> list:
        with self.databases[service].reading() as session:
            return list(session.scalars(statement))


def _doubled_consequences(rows) -> list[tuple]:
    """Events a handler wrote more than once for one cause and one subject (the message
    or the person it is about): an event applied twice."""
    keys = Counter()
    for row in rows:
        if not row["payload"]:  # a sealed event's copy is dropped once the broker has it
            continue
        envelope = json.loads(row["payload"])
        if envelope.get("causation_id"):
            data = envelope["data"]
            subject = data.get("message_id") or data.get("beneficiary_id")
            keys[(row["event_type"], envelope["causation_id"], subject)] += 1
    return [(*key, count) for key, count in keys.items() if count > 1]
