"""``vidnova status`` prints per service what the alerts watch (outbox backlog and age,
queue depth, retries, dead letters, the last error) from the same figures a worker
exposes, for operators without Prometheus; on the embedded default."""

import os
from datetime import timedelta

import pytest
from kombu import Producer
from sqlalchemy import update

from services.platform import SERVICES, main
from services.training.service import SERVICE as TRAINING
from shared import config
from shared.cli.setup import migrate
from shared.clock import utcnow
from shared.db import Database
from shared.events.envelope import Envelope
from shared.messaging.broker import connect
from shared.messaging.consumer import ERROR_HEADER, FAILED_AT_HEADER
from shared.messaging.outbox import Outbox
from shared.messaging.topology import Topology
from tests.support.fixtures import TEST_SECRET


@pytest.fixture
def platform_env(tmp_path, monkeypatch) -> dict:
    """The embedded default in ``tmp_path``, as the command reads it from the environment:
    whatever broker or database the test run's own environment names is set aside."""
    for name in list(os.environ):
        if name == "AMQP_URL" or name.startswith(("VIDNOVA_", "JWT_")) or name.endswith("_DATABASE_URL"):
            monkeypatch.delenv(name)
    env = {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    migrate(SERVICES, env)
    return env


def stuck_in_training_outbox(env, minutes: int) -> None:
    settings = config.from_env("training", env)
    db, outbox = Database(settings.database_url), TRAINING.messaging.outbox
    with db.transaction() as session:
        envelope = Envelope.new("training.enrolment.created", {}, producer="training")
        Outbox(TRAINING.messaging, "training").add(session, envelope)
        session.execute(update(outbox).values(created_at=utcnow() - timedelta(minutes=minutes),
                                              last_error="NO_ROUTE"))
    db.dispose()


def dead_letter_for_grants(env) -> None:
    settings = config.from_env("grants", env)
    topology = Topology.from_settings(settings)
    with connect(settings) as connection:
        Producer(connection.channel()).publish(
            Envelope.new("intake.beneficiary.registered", {}, "intake").to_json(),
            exchange=topology.dead_letter_exchange, routing_key="grants",
            headers={ERROR_HEADER: "KeyError", FAILED_AT_HEADER: "2026-11-30T10:00:00+00:00"},
            content_type="application/json", retry=False)


def table(capsys) -> dict[str, list[str]]:
    lines = capsys.readouterr().out.splitlines()
    return {line.split()[0]: line.split(maxsplit=6)[1:] for line in lines[1:]}


def test_status_prints_each_services_backlog_queue_dead_letters_and_last_error(platform_env, capsys):
    stuck_in_training_outbox(platform_env, minutes=3)
    dead_letter_for_grants(platform_env)

    assert main(["status"]) == 0
    rows = table(capsys)

    assert set(rows) == {"intake", "training", "grants", "notifications"}
    assert rows["training"][0] == "1" and rows["training"][1].startswith("3m")
    assert rows["training"][5] == "outbox: NO_ROUTE"
    assert rows["grants"][2:5] == ["0", "0", "1"]
    assert rows["grants"][5] == "dead letter: KeyError (2026-11-30T10:00:00+00:00)"
    assert rows["intake"] == ["0", "-", "0", "0", "0", "-"]  # its queue (opt-outs) is empty


def test_status_leaves_the_dead_letters_where_they_are(platform_env, capsys):
    dead_letter_for_grants(platform_env)

    main(["status", "--service", "grants"])
    main(["status", "--service", "grants"])

    assert table(capsys)["grants"][4] == "1"


def test_a_database_that_cannot_be_read_is_said_and_the_command_fails(platform_env, monkeypatch,
                                                                      capsys):
    monkeypatch.setenv("TRAINING_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")

    assert main(["status", "--service", "training"]) == 1
    assert table(capsys)["training"][:2] == ["unreadable", "unreadable"]
