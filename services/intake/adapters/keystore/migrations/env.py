"""Alembic environment of intake's key store."""

from services.intake.adapters.keystore.tables import metadata
from shared.migrations import run_env

run_env(metadata)
