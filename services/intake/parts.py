"""The objects intake's views need beyond the platform's: its sealed-data store, built
per app from the settings (keys are read when the app is made, never at import)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app

from services.intake.adapters.personal_data import PersonalData
from services.intake.keystore.store import KeyStore
from services.intake.protection.blind_index import BlindIndex
from services.intake.protection.keys import Keyring
from shared.config import Settings
from shared.db import Database

EXTENSION = "intake"
DEFAULT_REGION = "INTAKE_DEFAULT_REGION"  # the programme's country, for local phone numbers


@dataclass
class IntakeParts:
    personal: PersonalData
    default_region: str


def build(settings: Settings) -> IntakeParts:
    """Intake's sealed-data store from the settings (for the web app and the commands)."""
    keystore = Database(settings.database_url_for("keystore"), settings.db_pool_size)
    return IntakeParts(
        personal=PersonalData(KeyStore(keystore, Keyring.from_settings(settings)),
                              BlindIndex.from_settings(settings)),
        default_region=settings.extra.get(DEFAULT_REGION, "UA"))


def attach(app: Flask, settings: Settings) -> None:
    app.extensions[EXTENSION] = build(settings)


def intake_parts() -> IntakeParts:
    return current_app.extensions[EXTENSION]
