"""An erased person's projection and enrolments hold nothing identifying: anonymous
attributes and facts only."""

from __future__ import annotations

from sqlalchemy import select

from services.training.adapters.tables import beneficiaries, enrolments
from shared.events.contracts.intake import BENEFICIARY_ERASED
from tests.support.training import ATTRIBUTES, deliver


def rows(world, table, beneficiary_id):
    with world.db.reading() as session:
        return [dict(row) for row in session.execute(
            select(table).where(table.c.beneficiary_id == beneficiary_id)).mappings()]


def test_an_erased_persons_enrolments_lose_what_was_typed_about_them(world):
    someone = world.beneficiary()
    cohort = world.cohort()
    placed = world.enrol(cohort["id"], someone).json
    world.client.post(f"/enrolments/{placed['id']}/withdrawal",
                      json={"reason": "moved back to her mother's village"}, headers=world.as_("admin"))
    world.enrol(world.cohort(sessions=[{"date": "2027-03-02", "start": "18:00", "end": "19:00"}])["id"],
                someone)
    deliver(world.db, BENEFICIARY_ERASED, someone)

    kept = rows(world, enrolments, someone)
    assert len(kept) == 2
    assert all(row["withdrawal_reason"] is None for row in kept)
    anonymous = {"id", "cohort_id", "beneficiary_id", "seq", "status", "requested_by", "created_at",
                 "enrolled_at", "withdrawn_at", "withdrawn_by", "ended_at", "assessment_score"}
    assert {name for row in kept for name, value in row.items() if value is not None} <= anonymous


def test_an_erased_persons_projection_keeps_anonymous_attributes_only(world):
    someone = world.beneficiary()
    deliver(world.db, BENEFICIARY_ERASED, someone)
    [row] = rows(world, beneficiaries, someone)
    assert row["erased_at"] is not None and row["case_management_consent"] is False
    assert {k: row[k] for k in ATTRIBUTES} == ATTRIBUTES
    assert set(row) == {"beneficiary_id", *ATTRIBUTES, "registered_at", "updated_at",
                        "case_management_consent", "erased_at"}
