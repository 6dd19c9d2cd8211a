"""The local view of beneficiaries that a consuming service keeps from intake's events.

Training and grants need to know who exists (and later, who has consent) without ever
reading intake's database or seeing personal data: they keep this projection, keyed by
the opaque id, upserted so that replays and out-of-order delivery converge.
"""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, abort
from marshmallow import Schema, fields
from sqlalchemy import Column, MetaData, String, Table, select
from sqlalchemy.orm import Session

from shared.clock import utcnow
from shared.db import UTCDateTime, insert_or_update
from shared.events.envelope import Envelope
from shared.web.auth import require_roles
from shared.web.runtime import runtime

ATTRIBUTES = ("region", "sex", "age_band", "preferred_language")


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
    )


def upsert(session: Session, table: Table, event: Envelope) -> None:
    """Apply a beneficiary event's attributes to the projection row, in one statement."""
    data = event.data
    now = utcnow()
    session.execute(_upsert_statement(session, table), {
        "beneficiary_id": str(data["beneficiary_id"]),
        **{name: data.get(name) for name in ATTRIBUTES},
        "registered_at": event.occurred_at, "updated_at": now})


def _upsert_statement(session: Session, table: Table):
    # Built once per dialect: the values come as parameters, the update takes them from
    # the row that was refused (``excluded``), so the statement never changes.
    key = (session.get_bind().dialect.name, table.name)
    if key not in _UPSERTS:
        statement = insert_or_update(session, table)
        _UPSERTS[key] = statement.on_conflict_do_update(
            index_elements=[table.c.beneficiary_id],
            set_={name: statement.excluded[name] for name in (*ATTRIBUTES, "updated_at")})
    return _UPSERTS[key]


_UPSERTS: dict = {}


class ProjectedBeneficiarySchema(Schema):
    beneficiary_id = fields.String()
    region = fields.String(allow_none=True)
    sex = fields.String()
    age_band = fields.String()
    preferred_language = fields.String()
    registered_at = fields.AwareDateTime()


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
