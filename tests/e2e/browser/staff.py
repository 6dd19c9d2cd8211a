"""Helpers of the browser tests: a signed-in member of staff's page, each visit checked
with axe-core (no serious or critical violation) and photographed, and the set-up a
programme needs before its staff work (a course, a cohort, a grants programme), done
through the services' APIs as an administrator would."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlparse

import requests

from shared import config, tokens
from tests.e2e.browser.conftest import SCREENSHOTS

SERIOUS = ("serious", "critical")
PHONE = {"width": 360, "height": 780}


@dataclass
class Staff:
    """A browser context signed in as one demo user, at phone width."""

    page: object
    base: str
    axe: str
    name: str
    hosts: set = field(default_factory=set)

    def visit(self, path: str, shot: str):
        self.page.goto(self.base + path)
        return self.checked(shot)

    def checked(self, shot: str):
        """The page as it stands: no serious accessibility violation, screenshot taken."""
        self.page.wait_for_load_state("load")
        self.page.evaluate(self.axe)
        found = self.page.evaluate("""async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                                 target: v.nodes[0] && v.nodes[0].target}));
        }""")
        serious = [v for v in found if v["impact"] in SERIOUS]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.name}-{shot}.png"), full_page=True)
        assert not serious, f"{shot}: {serious}"
        width = self.page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, f"{shot}: {width}px wide at 360 px"
        return self.page


def sign_in(browser, platform, axe: str, user: str, locale: str = "en-GB") -> Staff:
    context = browser.new_context(viewport=PHONE, locale=locale)
    page = context.new_page()
    staff = Staff(page, platform["urls"]["portal"], axe, user)
    page.on("request", lambda request: staff.hosts.add(urlparse(request.url).netloc))
    staff.visit("/sign-in", "sign-in")
    page.fill("#username", user)
    page.fill("#password", platform["passwords"][user])
    page.click("main button[type=submit]")
    page.wait_for_url(staff.base + "/")
    return staff


class Api:
    """The services' APIs with tokens minted from the embedded data dir's secret."""

    def __init__(self, platform):
        self.urls = platform["urls"]
        self.jwt = config.from_env("cli", {"VIDNOVA_DATA_DIR": str(platform["data_dir"])}).jwt

    def call(self, method: str, service: str, path: str, user: str, role: str, body=None):
        token = tokens.issue(self.jwt, user, [role])
        return requests.request(method, self.urls[service] + path, json=body, timeout=30,
                                headers={"Authorization": f"Bearer {token}"})

    def ok(self, method: str, service: str, path: str, user: str, role: str, body=None) -> dict:
        answer = self.call(method, service, path, user, role, body)
        assert answer.status_code in (200, 201), (path, answer.status_code, answer.text)
        return answer.json()


def set_up_training(api: Api, trainer: str) -> dict:
    course = api.ok("POST", "training", "/courses", "setup", "admin", {
        "title": "Starting a small business", "category": "business_skills", "hours": 24,
        "language": "uk", "provider": "Chamber of Commerce", "description": "Costing, pricing",
        "completion": {"min_attendance_percent": 50, "assessment_required": False}})
    today = date.today().isoformat()
    cohort = api.ok("POST", "training", "/cohorts", "setup", "admin", {
        "course_id": course["id"], "trainers": [trainer], "oblast": "UA-46", "venue": "Centre",
        "starts_on": today, "ends_on": today, "capacity": 10,
        "sessions": [{"date": today, "start": "10:00", "end": "13:00"}]})
    api.ok("PATCH", "training", f"/cohorts/{cohort['id']}", "setup", "admin", {"status": "open"})
    return cohort


def set_up_programme(api: Api) -> dict:
    programme = api.ok("POST", "grants", "/programmes", "setup", "admin", {
        "name": "Reintegration microgrants", "donor": "Norway MFA", "funding_currency": "NOK",
        "local_currency": "UAH", "envelope_total": "1000000.00", "grant_cap": "100000.00",
        "eligibility": {"course_category": "business_skills", "min_hours": "20"},
        "rubric": {"criteria": [{"key": "viability", "label": "Business viability", "weight": "1",
                                 "max_score": 10}], "pass_mark": "60", "reviews_required": 1},
        "tranches": [{"percent": "70", "monitoring_visit": False},
                     {"percent": "30", "monitoring_visit": True}]})
    api.ok("POST", "grants", f"/programmes/{programme['id']}/rates", "setup", "admin",
           {"date": date.today().isoformat(), "rate": "3.8500", "source": "National Bank of Ukraine"})
    return programme


def plan_body(programme_id: str, beneficiary_id: str) -> dict:
    return {"programme_id": programme_id, "beneficiary_id": beneficiary_id,
            "business_name": "Hearth bakery", "sector": "C", "oblast": "UA-46",
            "description": "Bread and pastries for the village.", "market": "Neighbours, cafés",
            "budget_lines": [{"item": "Convection oven", "quantity": "1", "unit_cost": "50000.00"}],
            "requested_amount": "50000.00", "own_contribution": "0"}
