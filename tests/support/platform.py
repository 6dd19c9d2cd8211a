"""A whole platform for one test, on the real broker and database server, isolated by
its own broker prefix and its own databases."""

from __future__ import annotations

import base64
import importlib
import os
import uuid
from collections.abc import Mapping

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from services.platform import SERVICES
from shared import config, tokens
from shared.cli.setup import migrate
from shared.messaging.broker import connect
from shared.messaging.consumer import Handler
from shared.messaging.topology import Topology
from shared.service import ServiceDefinition
from shared.worker import Worker

TEST_SETTINGS = {
    "JWT_SECRET": "test-only-" + uuid.uuid4().hex,
    "INTAKE_MASTER_KEYS": "test-1:" + base64.b64encode(os.urandom(32)).decode(),
    "INTAKE_BLIND_INDEX_KEY": base64.b64encode(os.urandom(32)).decode(),
    "VIDNOVA_EVENT_KEYS": "test-1:" + base64.b64encode(os.urandom(32)).decode(),
    "NOTIFICATIONS_CONTACT_KEY": base64.b64encode(os.urandom(32)).decode(),
    "VIDNOVA_MAX_DELIVERY_ATTEMPTS": "3",
    "VIDNOVA_RETRY_BASE_DELAY": "0.05",
    "VIDNOVA_RETRY_MAX_DELAY": "0.5",
    "VIDNOVA_LOG_LEVEL": "INFO",
    # Messages go at once, whatever the hour the tests run at (quiet hours have their own
    # tests, on a frozen clock).
    "NOTIFICATIONS_QUIET_HOURS": "off",
    "NOTIFICATIONS_DISPATCH_INTERVAL": "0.2",
    "NOTIFICATIONS_RATE_LIMIT": "100",
}


class Platform:
    def __init__(self, amqp_url: str, server_url: str, tmp_path, extra: Mapping[str, str] = ()):
        self.run_id = "t" + uuid.uuid4().hex[:10]
        self.server_url = server_url
        self.services = {service.name: service for service in SERVICES}
        self.env = {
            **TEST_SETTINGS,
            "AMQP_URL": amqp_url,
            "VIDNOVA_BROKER_PREFIX": f"vidnova-{self.run_id}",
            "VIDNOVA_DATA_DIR": str(tmp_path),
            **dict(extra),
        }
        self.database_names = {}
        for name, service in self.services.items():
            self.database_names[f"{name.upper()}_DATABASE_URL"] = f"vidnova_{self.run_id}_{name}"
            for extra in service.further_databases:
                self.database_names[f"{name.upper()}_{extra.name.upper()}_DATABASE_URL"] = (
                    f"vidnova_{self.run_id}_{name}_{extra.name}")
        for variable, database in self.database_names.items():
            self.env[variable] = self._database_url(database)
        self.workers: list[Worker] = []

    # -- lifecycle -------------------------------------------------------------------
    def create(self) -> Platform:
        with self._admin() as admin:
            for database in self.database_names.values():
                admin.execute(text(f'CREATE DATABASE "{database}"'))
        migrate(self.services.values(), self.env)
        return self

    def destroy(self, broker: bool = True) -> None:
        """Stop the workers, drop the databases, and delete the broker's exchanges and
        queues (``broker=False``: left to a broker that goes with the test)."""
        for worker in self.workers:
            worker.stop()
        if broker:
            self._delete_topology()
        with self._admin() as admin:
            for database in self.database_names.values():
                admin.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))

    def _delete_topology(self) -> None:
        settings = self.settings("intake")
        topology = Topology.from_settings(settings)
        with connect(settings) as connection, connection.channel() as channel:
            for service in self.services.values():
                if service.consumes:
                    topology.delete_service(connection, service.name)
            topology.delete_unconsumed(connection)
            topology.exchange(channel).delete()
            topology.dead_letter_exchange(channel).delete()

    # -- parts -----------------------------------------------------------------------
    def settings(self, service: str, **overrides: str) -> config.Settings:
        return config.from_env(service, {**self.env, **overrides})

    def client(self, service: str):
        module = importlib.import_module(f"services.{service}.app")
        app = module.create_app(self.settings(service), configure_logging=False)
        return app.test_client()

    def worker(self, service: str, handlers: Mapping[str, Handler] | None = None,
               **overrides: str) -> Worker:
        worker = Worker(self.services[service], self.settings(service, **overrides), handlers)
        self.workers.append(worker.start())
        return worker

    def start_workers(self) -> list[Worker]:
        return [self.worker(name) for name in self.services]

    def token(self, *roles: str, user: str = "tester") -> dict:
        token = tokens.issue(self.settings("intake").jwt, user, list(roles))
        return {"Authorization": f"Bearer {token}"}

    def topology(self) -> Topology:
        return Topology.from_settings(self.settings("intake"))

    def service(self, name: str) -> ServiceDefinition:
        return self.services[name]

    # -- helpers ---------------------------------------------------------------------
    def _database_url(self, database: str) -> str:
        return make_url(self.server_url).set(database=database).render_as_string(
            hide_password=False)

    def _admin(self):
        engine = create_engine(self.server_url, isolation_level="AUTOCOMMIT")
        return _Admin(engine)


class _Admin:
    def __init__(self, engine):
        self.engine = engine

    def __enter__(self):
        self.connection = self.engine.connect()
        return self.connection

    def __exit__(self, *exc):
        self.connection.close()
        self.engine.dispose()
