"""One beneficiary's journey through the platform over its public HTTP APIs alone, step
by step: registered with consent, enrolled in a business-skills cohort of their own,
marked present, completed, a business plan submitted, scored by two reviewers,
approved, both tranches released and paid (a monitoring visit before the second), the
grant closed, and the person erased.

Each step answers what it should cause: the SMS the person should get (template and
what fills it) and the events that should go out about them, in order."""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from shared.clock import utcnow
from shared.events.contracts import grants as grant_events
from shared.events.contracts import intake as intake_events
from shared.events.contracts import training as training_events
from shared.roles import ADMIN, CASEWORKER, FINANCE_OFFICER, GRANT_OFFICER, TRAINER
from tests.support.grants import application_body, programme_body
from tests.support.grants_world import ONE_LINE, scores_for
from tests.support.registrations import registration
from tests.support.staff_api import StaffApi
from tests.support.traffic_gate import TrafficGate
from tests.support.training import cohort_body, course_body
from tests.support.waiting import eventually

TRAINER_USER = "trainer-1"
REVIEWERS, APPROVER, FINANCE = ("rita", "ravi"), "gina", "fiona"
SESSIONS = 2  # both attended: 100% of the 80% the course asks
GRANT = ONE_LINE["requested_amount"]  # 50,000 UAH in two tranches, 70% then 30%
TRANCHE_AMOUNTS = ("35000.00", "15000.00")
CURRENCY = "UAH"
# What intake announces of a registration with consent to SMS, in the order it writes them.
REGISTRATION_EVENTS = (intake_events.BENEFICIARY_REGISTERED,
                       intake_events.BENEFICIARY_CONSENT_CHANGED,
                       intake_events.BENEFICIARY_CONTACT_CHANGED)


@dataclass(frozen=True)
class Sms:
    """A message the person should get: its template and what fills it."""

    template: str
    variables: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    name: str
    sms: tuple[Sms, ...] = ()
    events: tuple[str, ...] = ()


@dataclass
class Offer:
    """What the journeys share: a business-skills course and a grants programme with a
    rate in force."""

    course_id: str
    programme: dict
    rubric_scores: dict

    @classmethod
    def create(cls, api: StaffApi, **programme_terms) -> Offer:
        """``programme_terms`` change the programme's (a bigger envelope for many people)."""
        course = api.post("training", "/courses", ADMIN, json=course_body(), expect=201)
        programme = api.post("grants", "/programmes", GRANT_OFFICER, user=APPROVER,
                             json=programme_body(**{"approval_tiers": [], **programme_terms}),
                             expect=201)
        api.post("grants", f"/programmes/{programme['id']}/rates", FINANCE_OFFICER, user="fred",
                 json={"date": utcnow().date().isoformat(), "rate": "4", "source": "NBU"},
                 expect=201)
        return cls(course["id"], programme, scores_for(programme["rubric"]))

    @classmethod
    def set_up(cls, urls, token, **programme_terms) -> Offer:
        """Created by a client of its own."""
        api = StaffApi(urls, token, f"offer-{uuid.uuid4()}")
        try:
            return cls.create(api, **programme_terms)
        finally:
            api.close()


class Journey:
    """One person's journey; each method a step, answering what it should cause."""

    def __init__(self, api: StaffApi, offer: Offer, language: str, phone: str | None = None):
        self.api, self.offer, self.language = api, offer, language
        self.id, self.phone = "", phone or ""
        self.cohort: dict = {}
        self.enrolment_id = self.application_id = self.grant_id = ""
        self.tranches: list[dict] = []

    @property
    def steps(self) -> list[Callable[[], Step]]:
        return [self.register, self.enrol, self.attend, self.complete, self.submit_plan,
                self.review, self.approve, self.release_first, self.confirm_first_payment,
                self.visit, self.release_second, self.confirm_second_payment, self.erase]

    # -- intake ------------------------------------------------------------------------
    def register(self) -> Step:
        body = registration(language=self.language, mobile_phone=self.phone or None)
        self.phone = body["person"]["mobile_phone"]
        self.id = self.api.post("intake", "/beneficiaries", CASEWORKER, json=body, expect=201)["id"]
        return Step("registered with consent", (Sms("welcome"),), REGISTRATION_EVENTS)

    def erase(self) -> Step:
        self.api.post("intake", f"/beneficiaries/{self.id}/erasure", CASEWORKER,
                      json={"reason": "asked to be forgotten"})
        return Step("erased", (), (intake_events.BENEFICIARY_ERASED,))

    # -- training ----------------------------------------------------------------------
    def enrol(self) -> Step:
        api = self.api
        cohort = api.post("training", "/cohorts", ADMIN, expect=201, json=cohort_body(
            self.offer.course_id, trainers=(TRAINER_USER,), count=SESSIONS, capacity=1))
        api.patch("training", f"/cohorts/{cohort['id']}", ADMIN, json={"status": "open"})
        self.cohort = cohort
        eventually(self._known_to_training, timeout=60, interval=0.2,
                   what="training to know the person and their consent")
        placed = api.post("training", f"/cohorts/{cohort['id']}/enrolments", CASEWORKER,
                          json={"beneficiary_id": self.id}, expect=201)
        assert placed["status"] == "enrolled", placed
        self.enrolment_id = placed["id"]
        return Step("enrolled", (Sms("enrolment_confirmed"),), (training_events.ENROLMENT_CREATED,))

    def _known_to_training(self) -> bool:
        answer = self.api.attempt("GET", "training", f"/beneficiaries/{self.id}", ADMIN)
        return answer.status_code == 200 and answer.json()["case_management_consent"] is True

    def attend(self) -> Step:
        self.api.patch("training", f"/cohorts/{self.cohort['id']}", ADMIN, json={"status": "running"})
        for session in self.cohort["sessions"]:
            self.api.put("training", f"/cohorts/{self.cohort['id']}/sessions/{session['id']}/attendance",
                         TRAINER, user=TRAINER_USER,
                         json={"marks": [{"enrolment_id": self.enrolment_id, "mark": "present"}]})
        return Step("attended every session")

    def complete(self) -> Step:
        done = self.api.post("training", f"/enrolments/{self.enrolment_id}/completion", TRAINER,
                             user=TRAINER_USER, json={})
        assert done["status"] == "completed", done
        return Step("completed", (), (training_events.ENROLMENT_COMPLETED,))

    # -- grants ------------------------------------------------------------------------
    def submit_plan(self) -> Step:
        plan = self.api.post("grants", "/applications", CASEWORKER, user="cara", expect=201,
                             json=application_body(self.offer.programme["id"], self.id, **ONE_LINE))
        self.application_id = plan["id"]
        # Grants learns of the completed course from training's event: until then the
        # submission is refused (422, nothing changed), so it is sent again.
        eventually(self._submitted, timeout=60, interval=0.2, what="the plan to be accepted")
        return Step("business plan submitted", (Sms("application_received"),),
                    (grant_events.APPLICATION_SUBMITTED,))

    def _submitted(self) -> bool:
        answer = self.api.attempt("POST", "grants", f"/applications/{self.application_id}/submission",
                                  CASEWORKER, user="cara")
        assert answer.status_code in (200, 422), answer.text
        return answer.status_code == 200

    def review(self) -> Step:
        for reviewer in REVIEWERS:
            self.api.post("grants", f"/applications/{self.application_id}/reviews", GRANT_OFFICER,
                          user=reviewer, expect=201, json={
                              "scores": self.offer.rubric_scores, "no_conflict_of_interest": True})
        return Step("scored by two reviewers")

    def approve(self) -> Step:
        decided = self.api.post("grants", f"/applications/{self.application_id}/decision",
                                GRANT_OFFICER, user=APPROVER,
                                json={"outcome": "approve", "reason": "viable"})
        self.grant_id = decided["grant_id"]
        grant = self.api.get("grants", f"/grants/{self.grant_id}", FINANCE_OFFICER, user=FINANCE)
        self.tranches = grant["tranches"]
        assert [t["amount"] for t in self.tranches] == list(TRANCHE_AMOUNTS), self.tranches
        return Step("approved", (Sms("application_approved", {
            "amount": GRANT, "currency": CURRENCY, "tranches": 2}),),
            (grant_events.APPLICATION_APPROVED,))

    def _release(self, n: int) -> Step:
        tranche = self.tranches[n]
        self.api.post("grants", f"/tranches/{tranche['id']}/release", FINANCE_OFFICER, user=FINANCE,
                      json={}, headers={"Idempotency-Key": f"release-{tranche['id']}"})
        return Step(f"tranche {n + 1} released", (Sms("tranche_released", {
            "amount": TRANCHE_AMOUNTS[n], "currency": CURRENCY, "sequence": n + 1}),),
            (grant_events.TRANCHE_RELEASED,))

    def _pay(self, n: int, *more_events: str) -> Step:
        paid_on = utcnow().date().isoformat()
        self.api.post("grants", f"/tranches/{self.tranches[n]['id']}/payment", FINANCE_OFFICER,
                      user=FINANCE, json={"bank_reference": f"NBU-{n + 1}", "paid_on": paid_on})
        return Step(f"tranche {n + 1} paid", (Sms("tranche_paid", {
            "amount": TRANCHE_AMOUNTS[n], "currency": CURRENCY, "sequence": n + 1,
            "paid_on": date.fromisoformat(paid_on)}),), (grant_events.TRANCHE_PAID, *more_events))

    def release_first(self) -> Step:
        return self._release(0)

    def confirm_first_payment(self) -> Step:
        return self._pay(0)

    def visit(self) -> Step:
        self.api.post("grants", f"/grants/{self.grant_id}/monitoring-visits", GRANT_OFFICER,
                      user="olga", expect=201, json={
                          "date": utcnow().date().isoformat(), "business_operating": True,
                          "employees": 2, "revenue_band": "5000_20000"})
        return Step("monitoring visit")

    def release_second(self) -> Step:
        return self._release(1)

    def confirm_second_payment(self) -> Step:
        """The last payment closes the grant."""
        step = self._pay(1, grant_events.GRANT_CLOSED)
        grant = self.api.get("grants", f"/grants/{self.grant_id}", FINANCE_OFFICER, user=FINANCE)
        assert grant["status"] == "closed", grant
        return step


def take_through(urls, token, offer: Offer, language: str, steps: int,
                 label: str, gate: TrafficGate | None = None) -> tuple[Journey, list[str]]:
    """One person taken through the first ``steps`` steps by a client of their own (its
    own correlation id, its calls through ``gate``); the person and the event types their
    steps should cause, in order."""
    api = StaffApi(urls, token, f"{label}-{uuid.uuid4()}", gate)
    person = Journey(api, offer, language)
    try:
        caused = [step() for step in person.steps[:steps]]
    finally:
        api.close()
    return person, [kind for step in caused for kind in step.events]


def take_many_through(urls, token, offer: Offer, people: int, clients: int, steps: int,
                      languages=("uk", "ru", "en"),
                      until: threading.Event | None = None,
                      gate: TrafficGate | None = None) -> list[tuple[Journey, list[str]]]:
    """``people`` journeys driven by ``clients`` clients at once; with ``until``, each
    client keeps starting journeys after those until the event is set (a fault is over);
    with ``gate``, their calls wait while it is closed."""
    taken: list[tuple[Journey, list[str]]] = []
    numbers = itertools.count()
    lock = threading.Lock()

    def client() -> None:
        while True:
            with lock:
                n = next(numbers)
            if n >= people and (until is None or until.is_set()):
                return
            journey = take_through(urls, token, offer, languages[n % len(languages)], steps,
                                   f"journey-{n}", gate)
            with lock:
                taken.append(journey)

    with ThreadPoolExecutor(clients) as pool:
        for done in [pool.submit(client) for _ in range(clients)]:
            done.result()
    return taken
