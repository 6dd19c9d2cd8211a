"""Grants' use cases and event handlers; the handler table, from which its queue's
bindings are derived, is at the bottom.

Grants knows a person only by the opaque id and the anonymous attributes in intake's
events: who exists, consents to case management, or was erased (only they may apply for
a grant) is kept in its beneficiary projection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.grants.adapters.tables import beneficiaries
from shared.beneficiary_projection import store as projection
from shared.beneficiary_projection.handlers import handlers as projection_handlers
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def known_beneficiary(grants: Grants, beneficiary_id: str) -> dict | None:
    """A beneficiary as grants knows them (None before intake's first event arrives)."""
    with grants.reading() as session:
        return projection.find(session, beneficiaries, beneficiary_id)


# Who exists, consents to case management, or was erased: only they may apply for a grant.
HANDLERS = {
    **projection_handlers(beneficiaries),
}
