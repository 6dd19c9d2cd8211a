"""Alembic environment of training's database."""

from services.training.adapters.tables import metadata
from shared.migrations import run_env

run_env(metadata)
