"""Alembic environment of the portal's database (staff's preferences, nothing else)."""

from services.portal.adapters.preferences import metadata
from shared.migrations import run_env

run_env(metadata)
