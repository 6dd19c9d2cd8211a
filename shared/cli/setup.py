"""Bringing databases and broker up to what the code expects: migrations, then topology."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from shared import config, migrations
from shared.cli.portal import WebApp
from shared.events.contracts import CONTRACTS
from shared.messaging.broker import connect
from shared.messaging.embedded.leftovers import adopt_filesystem_messages
from shared.messaging.topology import Topology
from shared.service import ServiceDefinition, settings_for


def migrate(services: Iterable[ServiceDefinition], environ: Mapping[str, str] | None = None,
            portal: WebApp | None = None) -> int:
    """Apply every service's migrations (and the portal's), then declare the whole broker
    topology, so no event is published before every queue that wants it is bound. Returns
    how many messages the old filesystem transport had left and were moved into the
    embedded broker."""
    services = list(services)
    for service in services:
        settings = settings_for(service, environ)
        _upgrade(settings, service.migration_targets(settings))
    if portal is not None:
        settings = config.from_env(portal.name, environ)
        _upgrade(settings, portal.migration_targets(settings))
    return declare_topology(services, environ)


def _upgrade(settings, targets) -> None:
    for migrations_dir, url in targets:
        if url.startswith("sqlite"):
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        migrations.upgrade(migrations_dir, url)


def declare_topology(services: Iterable[ServiceDefinition],
                     environ: Mapping[str, str] | None = None) -> int:
    """Declare every service's exchange and queues; on the embedded broker, then move in
    what the filesystem transport it replaced left undelivered (how many: returned)."""
    settings, consumed = None, set()
    for service in services:
        settings = settings_for(service, environ)
        topology = Topology.from_settings(settings)
        with connect(settings) as connection:
            connection.ensure_connection(max_retries=3)
            topology.declare_exchange(connection)
            if service.consumes:
                topology.declare_service(connection, service.name, service.routing_keys)
        consumed.update(service.routing_keys)
    if settings is None:
        return 0
    with connect(settings) as connection:
        connection.ensure_connection(max_retries=3)
        Topology.from_settings(settings).declare_unconsumed(
            connection, CONTRACTS.event_types(), consumed)
    if not settings.broker_is_embedded:
        return 0
    with connect(settings) as connection:
        connection.ensure_connection(max_retries=3)
        return adopt_filesystem_messages(settings.broker_folder, connection.transport.store)
