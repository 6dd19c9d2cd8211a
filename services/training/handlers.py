"""Training's event handlers, in the table its queue bindings are derived from."""

from services.training.adapters.tables import beneficiaries
from shared import beneficiary_projection

# Who exists, consents to case management, or was erased: only they may be enrolled.
HANDLERS = {
    **beneficiary_projection.handlers(beneficiaries),
}
