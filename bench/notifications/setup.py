"""The run's own corner: a notifications database on the server, a broker prefix with
notifications' queues, Kannel on free ports, and notifications' web app served for its
delivery reports; all removed at the end."""

from __future__ import annotations

import base64
import secrets
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from services.notifications.service import SERVICE
from shared import config
from shared.cli.setup import migrate
from shared.messaging.broker import connect
from shared.messaging.topology import Topology
from tests.support.kannel import PASSWORD, USERNAME, Kannel
from tests.support.notifications.web import ServedApp
from tests.support.processes import free_port

INBOUND_TOKEN = secrets.token_urlsafe(16)


@contextmanager
def corner(amqp_url: str, server_url: str):
    """(settings environment, kannel, served app)."""
    run_id = uuid.uuid4().hex[:10]
    database = f"bench_notifications_{run_id}"
    folder = Path(tempfile.mkdtemp(prefix="vidnova-notifications-bench-"))
    web_port = free_port()
    kannel = Kannel(folder, f"http://127.0.0.1:{web_port}/gateways/kannel/inbound?token={INBOUND_TOKEN}")
    env = {
        "VIDNOVA_DATA_DIR": str(folder), "JWT_SECRET": secrets.token_urlsafe(32),
        "VIDNOVA_EVENT_KEYS": "bench-1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
        "NOTIFICATIONS_CONTACT_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
        "AMQP_URL": amqp_url, "VIDNOVA_BROKER_PREFIX": f"bench-{run_id}",
        "NOTIFICATIONS_DATABASE_URL": _url(server_url, database), "VIDNOVA_LOG_LEVEL": "WARNING",
        "NOTIFICATIONS_SMS_GATEWAY": kannel.sendsms_url, "NOTIFICATIONS_KANNEL_USERNAME": USERNAME,
        "NOTIFICATIONS_KANNEL_PASSWORD": PASSWORD, "NOTIFICATIONS_KANNEL_INBOUND_TOKEN": INBOUND_TOKEN,
        "NOTIFICATIONS_PUBLIC_URL": f"http://127.0.0.1:{web_port}", "NOTIFICATIONS_QUIET_HOURS": "off",
        # The path is measured, not the operator's contract: a limit above what it can do.
        "NOTIFICATIONS_RATE_LIMIT": "100000", "NOTIFICATIONS_DISPATCH_INTERVAL": "0.02",
        "NOTIFICATIONS_DISPATCH_BATCH": "100",
    }
    _admin(server_url, f'CREATE DATABASE "{database}"')
    try:
        migrate([SERVICE], env)
        from services.notifications.app import create_app

        app = create_app(config.from_env("notifications", env), configure_logging=False)
        with ServedApp(app, port=web_port) as web:
            kannel.start()
            try:
                yield env, kannel, web
            finally:
                kannel.stop()
    finally:
        _forget_topology(env)
        _admin(server_url, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def _forget_topology(env: dict) -> None:
    settings = config.from_env("notifications", env)
    topology = Topology.from_settings(settings)
    with connect(settings) as connection:
        topology.delete_service(connection, SERVICE.name)
        topology.delete_unconsumed(connection)
        with connection.channel() as channel:
            topology.exchange(channel).delete()
            topology.dead_letter_exchange(channel).delete()


def _url(server_url: str, database: str) -> str:
    url = make_url(server_url).set(database=database)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url.render_as_string(hide_password=False)


def _admin(server_url: str, statement: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()
