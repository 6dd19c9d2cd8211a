"""Building training's world in tests: beneficiaries announced by intake's events,
courses, cohorts with a schedule, through training's own API."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

from sqlalchemy import select

from services.training.adapters.tables import messaging
from services.training.handlers import HANDLERS
from shared.events.contracts.intake import BENEFICIARY_CONSENT_CHANGED, BENEFICIARY_REGISTERED
from shared.events.envelope import Envelope

ATTRIBUTES = {"region": "UA-46", "sex": "Feminine", "age_band": "25-34", "preferred_language": "uk"}
CONSENTS = {"case_management": True, "sms": False, "email": False, "donor_reports": False}
MONDAY = date(2027, 3, 1)


def deliver(db, event_type: str, beneficiary_id: str, **data) -> Envelope:
    """Hand an event from intake to training's handler, as its consumer would."""
    event = Envelope.new(event_type, {"beneficiary_id": beneficiary_id, **ATTRIBUTES, **data}, "intake")
    with db.transaction() as session:
        HANDLERS[event_type](session, event)
    return event


def announce(db, consent: bool = True, **attributes) -> str:
    """A beneficiary intake registered (and, by default, who consents to case management)."""
    beneficiary_id = str(uuid.uuid4())
    deliver(db, BENEFICIARY_REGISTERED, beneficiary_id, **attributes)
    deliver(db, BENEFICIARY_CONSENT_CHANGED, beneficiary_id, **attributes,
            consents={**CONSENTS, "case_management": consent})
    return beneficiary_id


def course_body(**overrides) -> dict:
    return {"title": "Starting a small business", "category": "business_skills",
            "description": "Costing, pricing, a simple business plan.", "hours": 24,
            "language": "uk", "provider": "Chamber of Commerce, Lviv",
            "completion": {"min_attendance_percent": 80, "assessment_required": False},
            **overrides}


def sessions(first: date = MONDAY, count: int = 4, start: str = "10:00", end: str = "13:00") -> list:
    """``count`` sessions on consecutive days from ``first``."""
    return [{"date": (first + timedelta(days=n)).isoformat(), "start": start, "end": end}
            for n in range(count)]


def cohort_body(course_id: str, trainers=("trainer-1",), first: date = MONDAY, count: int = 4,
                **overrides) -> dict:
    return {"course_id": course_id, "trainers": list(trainers), "oblast": "UA-46",
            "venue": "Community centre, 5 Franka St", "starts_on": first.isoformat(),
            "ends_on": (first + timedelta(days=max(count - 1, 0))).isoformat(), "capacity": 20,
            "sessions": sessions(first, count), **overrides}


class TrainingWorld:
    """Training's API as staff use it, with helpers for the usual set-up."""

    def __init__(self, client, bearer, db):
        self.client, self.bearer, self.db = client, bearer, db

    def as_(self, *roles: str, user: str = "tester") -> dict:
        return self.bearer(*roles, user=user)

    def course(self, **overrides) -> dict:
        answer = self.client.post("/courses", json=course_body(**overrides), headers=self.as_("admin"))
        assert answer.status_code == 201, answer.json
        return answer.json

    def cohort(self, course_id: str | None = None, status: str = "open", **overrides) -> dict:
        course_id = course_id or self.course()["id"]
        answer = self.client.post("/cohorts", json=cohort_body(course_id, **overrides),
                                  headers=self.as_("admin"))
        assert answer.status_code == 201, answer.json
        return self.move(answer.json["id"], status) if status != "planned" else answer.json

    def move(self, cohort_id: str, status: str) -> dict:
        path = {"open": ["open"], "running": ["open", "running"],
                "finished": ["open", "running", "finished"]}[status]
        for step in path:
            answer = self.client.patch(f"/cohorts/{cohort_id}", json={"status": step},
                                       headers=self.as_("admin"))
            assert answer.status_code == 200, answer.json
        return answer.json

    def enrol(self, cohort_id: str, beneficiary_id: str, *roles: str, user: str = "tester"):
        return self.client.post(f"/cohorts/{cohort_id}/enrolments",
                                json={"beneficiary_id": beneficiary_id},
                                headers=self.as_(*(roles or ("admin",)), user=user))

    def beneficiary(self, **attributes) -> str:
        return announce(self.db, **attributes)

    def events(self, event_type: str | None = None) -> list[dict]:
        """The data of the events training wrote to its outbox, oldest first."""
        outbox = messaging.outbox
        with self.db.reading() as session:
            query = select(outbox.c.payload).order_by(outbox.c.seq)
            if event_type is not None:
                query = query.where(outbox.c.event_type == event_type)
            return [json.loads(payload)["data"] for payload in session.scalars(query)]
