"""Grants' HTTP API, one module per resource: a view parses the request, calls a use
case with grants' runtime and shapes the answer; it holds no SQL. Who may call each view
is read from one table, ``domain/access.py``."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from services.grants.domain.access import MAY
from shared.web.auth import require_roles
from shared.web.runtime import runtime

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


def grants() -> Grants:
    """Grants' runtime, as its bootstrap made it for this app."""
    return cast("Grants", runtime())


def allowed_to(action: str):
    """``require_roles`` with the roles ``domain/access.MAY`` gives ``action``."""
    return require_roles(*MAY[action])
