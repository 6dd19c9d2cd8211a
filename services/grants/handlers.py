"""Grants' event handlers, in the table its queue bindings are derived from."""

from sqlalchemy.orm import Session

from services.grants.adapters.tables import beneficiaries
from shared import beneficiary_projection
from shared.events.contracts.intake import BENEFICIARY_REGISTERED
from shared.events.envelope import Envelope


def on_beneficiary_registered(session: Session, event: Envelope) -> None:
    """Remember who may apply for a grant."""
    beneficiary_projection.upsert(session, beneficiaries, event)


HANDLERS = {
    BENEFICIARY_REGISTERED: on_beneficiary_registered,
}
