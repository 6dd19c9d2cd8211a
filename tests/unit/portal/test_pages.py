"""Pages as staff meet them: the services' messages beside the fields, the reason before
a record, one release key per confirmation, the security headers, both languages."""

from __future__ import annotations

import re
from pathlib import Path

from services.portal.adapters.http import ApiError, Download
from tests.unit.portal.conftest import csrf, sign_in


def test_every_page_carries_the_services_security_headers_and_a_policy_without_inline_script(client):
    headers = client.get("/sign-in").headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy and "form-action 'self'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "no-store"


def test_the_registration_form_shows_intakes_message_beside_its_field(client, passwords, fake):
    fake.answers["register"] = ApiError(422, "invalid", {"person": {"mobile_phone": ["Not a valid phone."]}})
    sign_in(client, passwords)
    answer = client.post("/beneficiaries/new", data={"csrf_token": csrf(client), "person.first_name": "O",
                                                     "person.mobile_phone": "x", "preferred_language": "uk"})
    assert answer.status_code == 422
    page = answer.text
    assert 'id="person-mobile_phone-error"' in page and "Not a valid phone." in page
    assert 'aria-describedby="person-mobile_phone-hint person-mobile_phone-error"' in page


def test_a_record_is_read_only_with_the_reason_given_and_that_reason_goes_to_intake(client, passwords, fake):
    sign_in(client, passwords)
    beneficiary = "0b8e8f0e-9b54-4f55-9a55-6f2b7a4f3c11"
    asked = client.get(f"/beneficiaries/{beneficiary}")
    assert 'name="reason"' in asked.text and not fake.calls
    fake.answers.update(read={"id": beneficiary, "code": "VN-1", "person": {"first_name": "Olena"},
                              "status": "active", "preferred_language": "uk", "sex": "Feminine"},
                        consents={"current": {}, "history": []}, enrolments_of=[], cohorts=[],
                        applications=[], messages_of=[])
    shown = client.post(f"/beneficiaries/{beneficiary}", data={"csrf_token": csrf(client),
                                                               "reason": "follow-up call"})
    assert shown.status_code == 200 and "Olena" in shown.text
    assert ("read", (beneficiary, "follow-up call"), {}) in fake.calls


def test_a_search_sends_names_in_the_body_never_in_the_address(client, passwords, fake):
    fake.answers["search"] = []
    sign_in(client, passwords)
    answer = client.post("/beneficiaries", data={"csrf_token": csrf(client), "first_name": "Olena",
                                                 "second_name": "Koval", "reason": "a call"})
    assert answer.status_code == 200
    assert fake.calls[-1] == ("search", ({"first_name": "Olena", "second_name": "Koval"}, "a call"), {})


GRANT = {"id": "g1", "approvers": ["grant-officer"], "approved_on": "2027-01-01", "currency": "UAH",
         "funding_currency": "NOK", "monitoring_visits": [],
         "tranches": [{"id": "0b8e8f0e-9b54-4f55-9a55-6f2b7a4f3c12", "sequence": 1, "status": "pending",
                       "amount": "35000.00", "funding_share": "9090.91", "payee": "beneficiary",
                       "monitoring_visit": False}]}


def test_the_release_confirmation_carries_one_key_that_every_click_sends(client, passwords, fake):
    fake.answers.update(grant=GRANT, release={"status": "released"})
    sign_in(client, passwords, "finance-officer")
    address = ("/payments/grants/0b8e8f0e-9b54-4f55-9a55-6f2b7a4f3c13/tranches/"
               "0b8e8f0e-9b54-4f55-9a55-6f2b7a4f3c12/release")
    page = client.get(address).text
    key = page.split('name="release_key" value="')[1].split('"')[0]
    for _ in range(2):
        client.post(address, data={"csrf_token": csrf(client), "release_key": key})
    releases = [call for call in fake.calls if call[0] == "release"]
    assert [call[1][1] for call in releases] == [key, key]


def test_pages_are_in_ukrainian_unless_english_is_chosen(client, passwords):
    assert 'lang="uk"' in client.get("/sign-in").text and "Увійти" in client.get("/sign-in").text
    client.post("/language", data={"csrf_token": csrf(client), "lang": "en", "next": "/sign-in"})
    page = client.get("/sign-in").text
    assert 'lang="en"' in page and "Sign in" in page


def test_no_page_needs_javascript_because_the_portal_has_none():
    """Every form works without JavaScript (issue 14's quality rule): no template holds a
    script or an event handler, and the portal serves no script file."""
    portal = Path(__file__).resolve().parents[3] / "services" / "portal"
    for template in (portal / "templates").rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script|\son[a-z]+\s*=|javascript:", text, re.I), template.name
    assert not list((portal / "static").rglob("*.js"))


COHORT_ID, DONE, ENROLLED = ("0b8e8f0e-9b54-4f55-9a55-6f2b7a4f3c21", "0b8e8f0e-9b54-4f55-9a55-6f2b7a4f3c22",
                             "0b8e8f0e-9b54-4f55-9a55-6f2b7a4f3c23")


def test_a_trainers_roster_links_each_completed_enrolment_to_its_certificate(client, passwords, fake):
    fake.answers.update(
        cohort={"id": COHORT_ID, "course_id": "c1", "oblast": "UA-46", "starts_on": "2027-03-01",
                "ends_on": "2027-03-04", "status": "running", "sessions": []},
        course={"id": "c1", "title": "Starting a small business",
                "completion": {"min_attendance_percent": 80, "assessment_required": False}},
        roster=[{"id": DONE, "beneficiary_id": "5a0c7d0e-1f43", "status": "completed"},
                {"id": ENROLLED, "beneficiary_id": "7e6d5c4b-3a29", "status": "enrolled"}],
        certificate=Download(b"%PDF-1.4 certificate", "application/pdf", None))
    sign_in(client, passwords, "trainer")

    page = client.get(f"/cohorts/{COHORT_ID}").text
    links = re.findall(r'href="([^"]*certificate\.pdf)"', page)
    assert links == [f"/cohorts/{COHORT_ID}/enrolments/{DONE}/certificate.pdf"]

    answer = client.get(links[0])
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert answer.data == b"%PDF-1.4 certificate"
    assert ("certificate", (DONE, None), {}) in fake.calls
