"""Grants' use cases and event handlers; the handler table, from which its queue's
bindings are derived, is at the bottom.

Grants knows a person only by the opaque id and the anonymous attributes in intake's
events: who exists, consents to case management, or was erased (only they may apply for
a grant) is kept in its beneficiary projection.
"""

from services.grants.adapters.tables import beneficiaries
from shared.beneficiary_projection.handlers import handlers as projection_handlers

# Who exists, consents to case management, or was erased: only they may apply for a grant.
HANDLERS = {
    **projection_handlers(beneficiaries),
}
