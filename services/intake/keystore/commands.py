"""Intake's operator commands around its keys."""

from __future__ import annotations

import argparse

from services.intake.keystore.store import KeyStore
from services.intake.protection.keys import Keyring
from shared.config import Settings
from shared.db import Database
from shared.service import ServiceCommand


def rotate_keys(settings: Settings, argv: list[str]) -> str:
    """Re-wrap every beneficiary's data key under the current master key
    (``INTAKE_MASTER_KEY_ID``); the old master key may be retired afterwards."""
    argparse.ArgumentParser(prog="vidnova intake rotate-keys",
                            description=rotate_keys.__doc__).parse_args(argv)
    db = Database(settings.database_url_for("keystore"))
    try:
        rotation = KeyStore(db, Keyring.from_settings(settings)).rotate()
    finally:
        db.dispose()
    return (f"re-wrapped {rotation.rewrapped} data key(s); "
            f"{rotation.already_current} already under the current master key")


COMMANDS = {
    "rotate-keys": ServiceCommand("re-wrap all data keys under the current master key",
                                  rotate_keys),
}
