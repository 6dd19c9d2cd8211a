"""Training's use cases and event handlers; the handler table, from which its queue's
bindings are derived, is at the bottom.

Training knows a person only by the opaque id and the anonymous attributes in intake's
events: who exists, consents to case management, or was erased (only they may be
enrolled) is kept in its beneficiary projection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.training.adapters.tables import beneficiaries
from shared.beneficiary_projection import store as projection
from shared.beneficiary_projection.handlers import handlers as projection_handlers
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.training.bootstrap import Training


@retried_once
def known_beneficiary(training: Training, beneficiary_id: str) -> dict | None:
    """A beneficiary as training knows them (None before intake's first event arrives)."""
    with training.reading() as session:
        return projection.find(session, beneficiaries, beneficiary_id)


# Who exists, consents to case management, or was erased: only they may be enrolled.
HANDLERS = {
    **projection_handlers(beneficiaries),
}
