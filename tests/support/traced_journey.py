"""One registration followed through the platform in this process, so that one in-memory
exporter sees every span: intake's web (its test client), intake's relay, training's
consumer; on whichever broker and databases ``settings_of`` gives."""

from __future__ import annotations

from collections.abc import Callable

from opentelemetry.trace import SpanKind
from sqlalchemy import select

from services.intake.app import create_app
from services.intake.service import SERVICE as INTAKE
from services.training.adapters.tables import beneficiaries
from services.training.service import SERVICE as TRAINING
from shared import tokens
from shared.config import Settings
from shared.db import Database
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.messaging.broker import connect
from shared.messaging.consumer import EventConsumer
from shared.messaging.relay import OutboxRelay
from shared.messaging.topology import Topology
from tests.support.embedded import running
from tests.support.registrations import registration
from tests.support.waiting import eventually


def follow_a_registration(settings_of: Callable[[str], Settings]) -> dict:
    """Register someone through intake's web, relay the events, let training consume
    them; the registration's answer."""
    intake, training = settings_of("intake"), settings_of("training")
    client = create_app(intake, configure_logging=False).test_client()
    auth = {"Authorization": f"Bearer {tokens.issue(intake.jwt, 'cw', ['caseworker'])}"}
    created = client.post("/beneficiaries", json=registration(), headers=auth)
    assert created.status_code == 201, created.get_json()
    relay = OutboxRelay(Database(intake.database_url), INTAKE.messaging,
                        Topology.from_settings(intake), lambda: connect(intake))
    relay.relay_batch()
    relay.close()
    runtime = TRAINING.bootstrap(training)
    consumer = EventConsumer("training", runtime.db, TRAINING.messaging, runtime.handlers,
                             Topology.from_settings(training),
                             lambda confirm=False: connect(training, confirm=confirm))
    try:
        with running(consumer):
            eventually(lambda: _projected(runtime, created.get_json()["id"]),
                       what="training's projection")
    finally:
        runtime.close()
    return created.get_json()


def _projected(runtime, beneficiary_id: str) -> bool:
    with runtime.reading() as session:
        return session.execute(select(beneficiaries.c.beneficiary_id).where(
            beneficiaries.c.beneficiary_id == beneficiary_id)).first() is not None


def the_registrations_spans(spans) -> dict[str, list]:
    """The web's request span, the relay's publish span and training's process span of
    the registration event."""
    return {
        "web": [s for s in spans if s.kind == SpanKind.SERVER and s.name == "POST /beneficiaries"],
        "relay": [s for s in spans if s.kind == SpanKind.PRODUCER
                  and s.name == f"{BENEFICIARY_REGISTERED} publish"],
        "consumer": [s for s in spans if s.kind == SpanKind.CONSUMER
                     and s.name == f"{BENEFICIARY_REGISTERED} process"],
    }
