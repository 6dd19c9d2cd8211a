"""A private corner of the shared broker and database server for one run: its own broker
prefix, its own databases for intake (the writer) and training (the consumer), migrated
and wired like a deployment, and removed again at the end whatever happened."""

from __future__ import annotations

import base64
import logging
import secrets
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from kombu import Exchange
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from services.intake.service import SERVICE as INTAKE
from services.training.service import SERVICE as TRAINING
from shared import config, migrations
from shared.cli.setup import declare_topology
from shared.messaging.broker import connect
from shared.messaging.topology import Topology

log = logging.getLogger("vidnova.bench")

SERVICES = (INTAKE, TRAINING)


class Sandbox:
    def __init__(self, amqp_url: str, server_url: str, overrides: Mapping[str, str] = ()):
        self.run_id = uuid.uuid4().hex[:10]
        self.prefix = f"bench-{self.run_id}"
        self.server_url = server_url
        self.env = {
            "VIDNOVA_ENV": "production",  # refuses SQLite and non-AMQP, as a deployment would
            "JWT_SECRET": secrets.token_urlsafe(32),
            # Intake seals its contact events under these (production needs them set), and
            # its runtime (the worker's too) opens its key store with its master keys.
            "VIDNOVA_EVENT_KEYS": "bench-1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
            "INTAKE_MASTER_KEYS": "bench-1:" + base64.b64encode(secrets.token_bytes(32)).decode(),
            "INTAKE_BLIND_INDEX_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
            "AMQP_URL": amqp_url,
            "VIDNOVA_BROKER_PREFIX": self.prefix,
            **{f"{s.name.upper()}_DATABASE_URL": self._database_url(s.name) for s in SERVICES},
            **{f"{s.name.upper()}_{extra.name.upper()}_DATABASE_URL":
               self._database_url(f"{s.name}_{extra.name}")
               for s in SERVICES for extra in s.further_databases},
            **dict(overrides),
        }
        self._created: list[str] = []

    @property
    def database_prefix(self) -> str:
        """What every database of this run is named with."""
        return f"bench_{self.run_id}_"

    def settings(self, service: str) -> config.Settings:
        return config.from_env(service, self.env)

    def topology(self) -> Topology:
        return Topology.from_settings(self.settings(INTAKE.name))

    def baseline_exchange(self) -> Exchange:
        return Exchange(f"{self.prefix}.baseline", type="topic", durable=True)

    def baseline_queue_name(self) -> str:
        return f"{self.prefix}.baseline"

    def create(self) -> None:
        for service in SERVICES:
            self.settings(service.name)  # refuse a bad configuration before touching anything
        names = [service.name for service in SERVICES] + [
            f"{service.name}_{extra.name}" for service in SERVICES for extra in service.further_databases]
        with self._admin() as admin:
            for name in names:
                admin.execute(text(f'CREATE DATABASE "{self._db_name(name)}"'))
                self._created.append(self._db_name(name))
        for service in SERVICES:
            for migrations_dir, url in service.migration_targets(self.settings(service.name)):
                migrations.upgrade(migrations_dir, url)
        declare_topology(SERVICES, self.env)

    def destroy(self) -> None:
        """Remove every queue, exchange and database of this run; each step on its own, so
        one failure does not leave the rest behind."""
        settings = self.settings(INTAKE.name)
        topology = self.topology()
        _attempt("delete queues", lambda: _delete_broker_objects(settings, topology, self))
        for name in self._created:
            _attempt(f"drop database {name}", lambda n=name: self._drop(n))

    # -- helpers ---------------------------------------------------------------------
    def _db_name(self, service: str) -> str:
        return f"{self.database_prefix}{service}"

    def _database_url(self, service: str) -> str:
        return make_url(self.server_url).set(database=self._db_name(service)).render_as_string(
            hide_password=False)

    def _drop(self, name: str) -> None:
        with self._admin() as admin:
            admin.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    @contextmanager
    def _admin(self):
        engine = create_engine(self.server_url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()


@contextmanager
def sandbox(amqp_url: str, server_url: str, overrides: Mapping[str, str] = ()) -> Iterator[Sandbox]:
    box = Sandbox(amqp_url, server_url, overrides)
    try:
        box.create()
        yield box
    finally:
        box.destroy()


def _delete_broker_objects(settings: config.Settings, topology: Topology, box: Sandbox) -> None:
    with connect(settings) as connection:
        connection.ensure_connection(max_retries=3)
        for service in SERVICES:
            if service.consumes:
                topology.delete_service(connection, service.name)
        topology.delete_unconsumed(connection)
        with connection.channel() as channel:
            channel.queue_delete(box.baseline_queue_name())
            for exchange in (topology.exchange, topology.dead_letter_exchange,
                             box.baseline_exchange()):
                exchange(channel).delete()


def _attempt(what: str, step) -> None:
    try:
        step()
    except Exception as exc:  # clean-up goes on; the leftover is named for the operator
        log.error("bench clean-up failed: %s (%s: %s)", what, type(exc).__name__, exc)
