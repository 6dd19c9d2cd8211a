"""Training's event handlers; the handler table, from which its queue's bindings are
derived, is at the bottom. (Its use cases are in ``usecases/``.)

Training knows a person only by the opaque id and the anonymous attributes in intake's
events: who exists, consents to case management, or was erased (only they may be
enrolled) is kept in its beneficiary projection. When a person is erased, their
enrolments keep only anonymous facts: what a trainer typed about them goes too; their
certificates still verify, by code, without a name (training never held one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from services.training.adapters import enrolments
from services.training.adapters.tables import beneficiaries
from shared.beneficiary_projection import store as projection
from shared.beneficiary_projection.handlers import handlers as projection_handlers
from shared.events.contracts.intake import BENEFICIARY_ERASED
from shared.events.envelope import Envelope
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.training.bootstrap import Training

_PROJECTION = projection_handlers(beneficiaries)


@retried_once
def known_beneficiary(training: Training, beneficiary_id: str) -> dict | None:
    """A beneficiary as training knows them (None before intake's first event arrives)."""
    with training.reading() as session:
        return projection.find(session, beneficiaries, beneficiary_id)


def on_erased(session: Session, event: Envelope) -> None:
    """Forget the person: the projection keeps anonymous attributes only, and their
    enrolments lose the free text typed about them (withdrawal reasons)."""
    _PROJECTION[BENEFICIARY_ERASED](session, event)
    enrolments.forget_what_was_typed(session, str(event.data["beneficiary_id"]))


# Who exists, consents to case management, or was erased: only they may be enrolled.
HANDLERS = {
    **_PROJECTION,
    BENEFICIARY_ERASED: on_erased,
}
