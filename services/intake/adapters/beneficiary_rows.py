"""A beneficiary's clear row as intake's use cases read, write and describe it: what
other services may know of them, the anonymous columns a record gives, the summary
answered."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.intake.adapters.tables import beneficiaries
from services.intake.domain import registration
from services.intake.domain.errors import BeneficiaryErased, BeneficiaryNotFound
from services.intake.domain.status import ACTIVE, ERASED
from shared.events.contracts.intake import BENEFICIARY_ATTRIBUTES


def attributes(row: dict) -> dict:
    """The opaque id and the anonymous attributes events carry."""
    return {"beneficiary_id": row["id"], **{k: row[k] for k in BENEFICIARY_ATTRIBUTES}}


def clear_columns(record: dict, today, country: str | None) -> dict:
    """The record's anonymous columns as stored; a state typed by name is read in the
    programme's ``country`` where the address names none."""
    clear = registration.anonymous_attributes(record, today, country)
    clear["types_of_exploitation"] = json.dumps(clear["types_of_exploitation"])
    return clear


def statuses(session: Session, beneficiary_ids: list[str]) -> dict[str, str]:
    """The status of each of the ids registered, in one query; ids of nobody are left out."""
    if not beneficiary_ids:
        return {}
    rows = session.execute(select(beneficiaries.c.id, beneficiaries.c.status)
                           .where(beneficiaries.c.id.in_(beneficiary_ids)))
    return {row.id: row.status for row in rows}


def find_row(session: Session, beneficiary_id: str) -> dict:
    """The beneficiary's clear row; ``BeneficiaryNotFound`` when there is none."""
    row = session.execute(select(beneficiaries).where(beneficiaries.c.id == beneficiary_id)
                          ).mappings().first()
    if row is None:
        raise BeneficiaryNotFound()
    return dict(row)


def live_row(session: Session, beneficiary_id: str) -> dict:
    row = find_row(session, beneficiary_id)
    if row["status"] == ERASED:
        raise BeneficiaryErased()
    return row


def active_after(session: Session, after: str, limit: int) -> list[dict]:
    """Up to ``limit`` active beneficiaries' rows with an id after ``after``, in id order:
    a walk through everyone a batch at a time, each batch in a short transaction."""
    rows = session.execute(select(beneficiaries).where(beneficiaries.c.status == ACTIVE,
                                                       beneficiaries.c.id > after)
                           .order_by(beneficiaries.c.id).limit(limit)).mappings()
    return [dict(row) for row in rows]


def active_id_by_code(session: Session, code: str) -> str | None:
    """The id of the active beneficiary with ``code`` (an erased one has none)."""
    return session.execute(select(beneficiaries.c.id).where(
        beneficiaries.c.code == code, beneficiaries.c.status == ACTIVE)).scalar()


def insert_many(session: Session, rows: list[dict]) -> None:
    session.execute(insert(beneficiaries), rows)


def update_columns(session: Session, beneficiary_id: str, **values) -> None:
    session.execute(update(beneficiaries).where(beneficiaries.c.id == beneficiary_id)
                    .values(**values))


def mark_erased(session: Session, beneficiary_id: str, at: datetime) -> None:
    """Erased: no code left to find them by, the anonymous columns kept."""
    update_columns(session, beneficiary_id, status=ERASED, erased_at=at, updated_at=at, code=None)


def summary(row: dict) -> dict:
    types = row.get("types_of_exploitation")
    return {"id": row["id"], "code": row["code"], "status": row["status"],
            "registered_at": row["registered_at"], "region": row["region"], "sex": row["sex"],
            "age_band": row["age_band"], "preferred_language": row["preferred_language"],
            "types_of_exploitation": json.loads(types) if isinstance(types, str) else types or []}
