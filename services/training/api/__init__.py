"""Training's HTTP API, one module per resource: a view parses the request, calls a use
case with training's runtime and the actor, and shapes the answer; it holds no SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from services.training.domain.access import Actor
from shared.web.auth import current_principal
from shared.web.runtime import runtime

if TYPE_CHECKING:
    from services.training.bootstrap import Training


def training() -> Training:
    """Training's runtime, as its bootstrap made it for this app."""
    return cast("Training", runtime())


def actor() -> Actor:
    """Who sent the request (after the view's role check)."""
    principal = current_principal()
    return Actor(principal.user, principal.roles)
