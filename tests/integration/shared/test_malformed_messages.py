"""Malformed messages sent by an independent client (pika) straight into every consuming
service's queue on RabbitMQ: each is dead-lettered at once with its error and reason, as
``vidnova dead-letters list`` shows them, and the consumer goes on: a valid event sent
after them is applied. The queues are the topology's, derived from the handler tables."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import pytest
from sqlalchemy import select

from shared.db import Database
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.events.contracts.notifications import CONTACT_OPTED_OUT
from shared.roles import CASEWORKER
from tests.support.bad_messages import PERSONAL, bad_messages, valid_event
from tests.support.processes import ROOT, clean_environment
from tests.support.registrations import registration
from tests.support.waiting import eventually
from tests.support.wire import QueueSender

pytestmark = pytest.mark.integration


def sent_type(handled: list[str]) -> str:
    """An event type the service consumes: intake does not consume registrations."""
    return BENEFICIARY_REGISTERED if BENEFICIARY_REGISTERED in handled else CONTACT_OPTED_OUT


def processed(platform, service: str, event_id: str) -> bool:
    table = platform.service(service).messaging.processed_events
    db = Database(platform.settings(service).database_url)
    try:
        with db.reading() as session:
            return session.execute(select(table.c.event_id).where(
                table.c.event_id == event_id)).first() is not None
    finally:
        db.dispose()


def dead_letters_listed(platform) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "services.platform", "dead-letters", "list"],
                          cwd=ROOT, env=clean_environment(**platform.env), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_every_queue_dead_letters_each_malformed_message_with_its_reason_and_goes_on(
        platform, caplog):
    caplog.set_level(logging.INFO, logger="vidnova")
    consuming = {name: sorted(service.handlers) for name, service in platform.services.items()
                 if service.consumes}
    assert set(consuming) == {"intake", "training", "grants", "notifications"}
    for name in consuming:
        platform.worker(name)
    # Intake's one handler needs a beneficiary of its own to apply a valid event to.
    someone = platform.client("intake").post("/beneficiaries", json=registration(),
                                              headers=platform.token(CASEWORKER)).json["id"]
    topology, sender = platform.topology(), QueueSender(platform.env["AMQP_URL"])
    expected, valid = {}, {}
    try:
        for name, handled in consuming.items():
            event_type = sent_type(handled)
            queue = topology.queue_name(name)
            sender.wait_for_queue(queue)
            table = bad_messages(event_type)
            for bad in table:
                sender.send(queue, bad.body, bad.content_type)
            valid[name] = valid_event(event_type, beneficiary_id=someone)
            sender.send(queue, valid[name].to_json().encode(), "application/json")
            expected[name] = sorted((bad.error, bad.reason) for bad in table)
    finally:
        sender.close()

    for name, event in valid.items():
        eventually(lambda name=name, event=event: processed(platform, name, event.id), timeout=30,
                   what=f"{name}'s valid event applied after the malformed ones")
    letters = dead_letters_listed(platform)
    for name in consuming:
        got = sorted((letter["error"], letter["reason"]) for letter in letters
                     if letter["service"] == name)
        assert got == expected[name], name
    assert all(letter["attempts"] == 1 for letter in letters)  # at once: no retries spent
    assert PERSONAL.split()[0] not in json.dumps(letters)
    assert not [r for r in caplog.records if r.name == "vidnova.consumer"
                and "restarting" in r.getMessage()]  # no message ever broke the consumer
    assert PERSONAL.split()[0] not in caplog.text + repr([vars(r) for r in caplog.records])
