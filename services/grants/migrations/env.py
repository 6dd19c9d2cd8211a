"""Alembic environment of grants's database."""

from services.grants.adapters.tables import metadata
from shared.migrations import run_env

run_env(metadata)
