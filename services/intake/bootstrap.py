"""Intake from its settings: the database, the outbox (sealing the contact event end to
end), the key store and blind index behind the sealed-data store. The web app, the
worker and intake's commands all start here."""

from __future__ import annotations

from dataclasses import dataclass

from services.intake.adapters.keystore.store import KeyStore
from services.intake.adapters.personal_data import PersonalData
from services.intake.adapters.tables import messaging
from services.intake.config import KEYSTORE, IntakeConfig
from services.intake.protection.blind_index import BlindIndex
from services.intake.protection.keys import Keyring
from services.intake.usecases import HANDLERS
from shared.config import Settings
from shared.db import Database
from shared.messaging.sealing import EventSealer
from shared.runtime import ServiceRuntime, bind, foundation


@dataclass(frozen=True)
class Intake(ServiceRuntime):
    config: IntakeConfig
    personal: PersonalData  # sealed sections, data keys, blind indexes

    def databases(self) -> dict[str, Database]:
        return {**super().databases(), KEYSTORE: self.personal.keys.db}


def bootstrap(settings: Settings) -> Intake:
    keystore = Database(settings.database_url_for(KEYSTORE), settings.db_pool_size)
    parts = foundation(settings, messaging, sealer=EventSealer.from_settings(settings))
    personal = PersonalData(KeyStore(keystore, Keyring.from_settings(settings)),
                            BlindIndex.from_settings(settings))
    return Intake(**parts, handlers=bind(HANDLERS, outbox=parts["outbox"], personal=personal),
                  config=IntakeConfig.from_settings(settings), personal=personal)
