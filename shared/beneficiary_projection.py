"""The local view of beneficiaries that a consuming service keeps from intake's events.

Training and grants need to know who exists, whether they consent to case management
and whether they were erased, without ever reading intake's database or seeing personal
data: they keep this projection, keyed by the opaque id, upserted so that replays and
out-of-order delivery converge. Erasure is final: no later event undoes it.
"""

from __future__ import annotations

from functools import partial

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields
from sqlalchemy import Boolean, Column, MetaData, String, Table, case, false, func, select
from sqlalchemy.orm import Session

from shared.clock import utcnow
from shared.consent import CASE_MANAGEMENT
from shared.db import UTCDateTime, insert_or_update
from shared.events.contracts.intake import (
    BENEFICIARY_ATTRIBUTES,
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
    BENEFICIARY_UPDATED,
)
from shared.events.envelope import Envelope
from shared.web.auth import require_roles
from shared.web.runtime import runtime


def define_table(metadata: MetaData) -> Table:
    return Table(
        "beneficiaries",
        metadata,
        Column("beneficiary_id", String(36), primary_key=True),
        Column("region", String(100), nullable=True),
        Column("sex", String(40), nullable=False),
        Column("age_band", String(10), nullable=False),
        Column("preferred_language", String(3), nullable=False),
        Column("registered_at", UTCDateTime(), nullable=False),
        Column("updated_at", UTCDateTime(), nullable=False),
        Column("case_management_consent", Boolean, nullable=True),  # None: not known yet
        Column("erased_at", UTCDateTime(), nullable=True),
    )


def upsert(session: Session, event: Envelope, table: Table, **columns) -> None:
    """Apply a beneficiary event's attributes (and any further ``columns``) to the
    projection row, in one statement."""
    data = event.data
    now = utcnow()
    session.execute(_upsert_statement(session, table, tuple(sorted(columns))), {
        "beneficiary_id": str(data["beneficiary_id"]),
        **{name: data.get(name) for name in BENEFICIARY_ATTRIBUTES},
        "registered_at": event.occurred_at, "updated_at": now, **columns})


def apply_consent(session: Session, event: Envelope, table: Table) -> None:
    """An ``intake.beneficiary.consent_changed``: remember consent to case management."""
    upsert(session, event, table,
           case_management_consent=bool(event.data["consents"].get(CASE_MANAGEMENT)))


def apply_erasure(session: Session, event: Envelope, table: Table) -> None:
    """An ``intake.beneficiary.erased``: the person is gone; no consent remains."""
    upsert(session, event, table, case_management_consent=False, erased_at=event.occurred_at)


def handlers(table: Table) -> dict:
    """The handler table that keeps ``table`` up to date from intake's events."""
    return {
        BENEFICIARY_REGISTERED: partial(upsert, table=table),
        BENEFICIARY_UPDATED: partial(upsert, table=table),
        BENEFICIARY_CONSENT_CHANGED: partial(apply_consent, table=table),
        BENEFICIARY_ERASED: partial(apply_erasure, table=table),
    }


def _upsert_statement(session: Session, table: Table, extra: tuple[str, ...]):
    # Built once per dialect and set of columns: the values come as parameters, the
    # update takes them from the row that was refused (``excluded``).
    key = (session.get_bind().dialect.name, table.name, extra)
    if key not in _UPSERTS:
        statement = insert_or_update(session, table)
        updated = {name: statement.excluded[name] for name in (*BENEFICIARY_ATTRIBUTES, "updated_at", *extra)}
        if "erased_at" in extra:  # the first erasure's time stands
            updated["erased_at"] = func.coalesce(table.c.erased_at, statement.excluded.erased_at)
        if "case_management_consent" in extra:  # no consent outlives an erasure
            updated["case_management_consent"] = case(
                (table.c.erased_at.is_(None), statement.excluded.case_management_consent),
                else_=false())
        _UPSERTS[key] = statement.on_conflict_do_update(
            index_elements=[table.c.beneficiary_id], set_=updated)
    return _UPSERTS[key]


_UPSERTS: dict = {}


class ProjectedBeneficiarySchema(Schema):
    beneficiary_id = fields.String()
    region = fields.String(allow_none=True)
    sex = fields.String()
    age_band = fields.String()
    preferred_language = fields.String()
    registered_at = fields.AwareDateTime()
    case_management_consent = fields.Boolean(allow_none=True)
    erased_at = fields.AwareDateTime(allow_none=True)


def blueprint(table: Table, roles: tuple[str, ...]) -> Blueprint:
    """Read access to the projection, for the roles of the service that keeps it."""
    blp = Blueprint("beneficiaries", __name__, url_prefix="/beneficiaries",
                    description="Beneficiaries known to this service (opaque ids only)")

    @blp.route("/<uuid:beneficiary_id>")
    class ProjectedBeneficiary(MethodView):
        @require_roles(*roles)
        @blp.response(200, ProjectedBeneficiarySchema)
        def get(self, beneficiary_id):
            """A beneficiary as this service knows them."""
            with runtime().db.reading() as session:
                row = session.execute(
                    select(table).where(table.c.beneficiary_id == str(beneficiary_id))
                ).mappings().first()
            if row is None:
                abort(404, message="no such beneficiary here (yet)")
            return dict(row)

    return blp
