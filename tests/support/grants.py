"""Building grants' world in tests: programme terms, applications, and intake's and
training's events delivered straight to grants' handlers."""

from __future__ import annotations

import uuid
from datetime import date

from shared.events.contracts.intake import BENEFICIARY_CONSENT_CHANGED, BENEFICIARY_REGISTERED
from shared.events.contracts.training import ENROLMENT_COMPLETED
from shared.events.envelope import Envelope

ATTRIBUTES = {"region": "UA-46", "sex": "Feminine", "age_band": "25-34", "preferred_language": "uk"}
CONSENTS = {"case_management": True, "sms": False, "email": False, "donor_reports": True}


def programme_body(**overrides) -> dict:
    """A programme like IOM Ukraine's: NOK envelope, UAH grants of at most 100,000,
    a business-skills course, two reviewers, two approvers above 60,000, 70/30 tranches
    with a monitoring visit before the second."""
    return {
        "name": "Reintegration microgrants 2027", "donor": "Norway MFA",
        "funding_currency": "NOK", "local_currency": "UAH",
        "envelope_total": "1000000.00", "grant_cap": "100000.00",
        "eligibility": {"course_category": "business_skills", "min_hours": "20"},
        "rubric": {"criteria": [
            {"key": "viability", "label": "Business viability", "weight": "3", "max_score": 10},
            {"key": "market", "label": "Market and customers", "weight": "2", "max_score": 10},
            {"key": "budget", "label": "Realistic budget", "weight": "1", "max_score": 5}],
            "pass_mark": "60", "reviews_required": 2},
        "approval_tiers": [{"above": "60000.00", "approvers": 2}],
        "tranches": [{"percent": "70", "monitoring_visit": False},
                     {"percent": "30", "monitoring_visit": True}],
        **overrides,
    }


def intake_event(event_type: str, beneficiary_id: str, **data) -> Envelope:
    return Envelope.new(event_type, {"beneficiary_id": beneficiary_id, **ATTRIBUTES, **data},
                        "intake")


def completed_course(beneficiary_id: str, category: str = "business_skills",
                     hours: float = 36.0, on: date = date(2027, 3, 12)) -> Envelope:
    return Envelope.new(ENROLMENT_COMPLETED, {
        "enrolment_id": str(uuid.uuid4()), "cohort_id": str(uuid.uuid4()),
        "course_id": str(uuid.uuid4()), "beneficiary_id": beneficiary_id,
        "course_category": category, "hours": hours, "completed_on": on.isoformat(),
        "certificate_code": "K7QF-2M9X-TR4D"}, "training")


def eligible_person_events(beneficiary_id: str) -> list[Envelope]:
    """What grants hears of someone who may apply: registered, consenting, trained."""
    return [intake_event(BENEFICIARY_REGISTERED, beneficiary_id),
            intake_event(BENEFICIARY_CONSENT_CHANGED, beneficiary_id, consents=CONSENTS),
            completed_course(beneficiary_id)]


def application_body(programme_id: str, beneficiary_id: str, **overrides) -> dict:
    """A bakery's plan: 80,000 UAH asked, 10,000 brought, three lines adding up to 90,000."""
    return {
        "programme_id": programme_id, "beneficiary_id": beneficiary_id,
        "business_name": "Hearth bakery", "sector": "C", "oblast": "UA-46",
        "description": "Bread and pastries baked at home for the village and the market.",
        "market": "Neighbours, two cafés in town, the Saturday market.",
        "budget_lines": [
            {"item": "Convection oven", "quantity": "1", "unit_cost": "62000.00"},
            {"item": "Dough mixer", "quantity": "1", "unit_cost": "18000.00"},
            {"item": "Baking trays", "quantity": "20", "unit_cost": "500.00"}],
        "requested_amount": "80000.00", "own_contribution": "10000.00",
        **overrides,
    }


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
       b"\x00\x00\x00IEND\xaeB`\x82")
