"""Every page of the portal × every role, signed out and with a forged session cookie,
from one table read against the app's URL map (a page missing from the table fails):
signed out (or forged), a page sends to sign-in, a form is refused (no CSRF token to
match); a role outside the page's section gets 403; a role in it gets past the check
(the services behind are fakes that answer nothing here: what a page then shows is its
own tests' business). The
same rules as the services' own (tests/unit/platform/test_access_by_role.py): the
services decide again on every call; this spares staff pages they could not use."""

from __future__ import annotations

import re
import uuid

from services.portal.domain.sections import (
    APPLICATIONS,
    BENEFICIARIES,
    COHORTS,
    IMPORTS,
    REPORTS,
    TRANCHES,
)
from shared.roles import ROLES
from tests.unit.portal.conftest import csrf, sign_in

PUBLIC = "no sign-in"  # health, sign-in and its provider, the language switch, assets
SIGNED_IN = ROLES  # the home page: each sees the sections of their roles

ACCESS = {
    "GET /healthz": PUBLIC, "GET /readyz": PUBLIC, "GET /static/<path:filename>": PUBLIC,
    "GET /sign-in": PUBLIC, "POST /sign-in": PUBLIC, "GET /sign-in/provider": PUBLIC,
    "GET /sign-in/callback": PUBLIC, "POST /sign-out": PUBLIC, "POST /language": PUBLIC,
    "GET /": SIGNED_IN,
    "GET /beneficiaries": BENEFICIARIES.roles,
    "POST /beneficiaries": BENEFICIARIES.roles,
    "GET /beneficiaries/new": BENEFICIARIES.roles,
    "POST /beneficiaries/new": BENEFICIARIES.roles,
    "GET /beneficiaries/<uuid:beneficiary_id>": BENEFICIARIES.roles,
    "POST /beneficiaries/<uuid:beneficiary_id>": BENEFICIARIES.roles,
    "POST /beneficiaries/<uuid:beneficiary_id>/consents": BENEFICIARIES.roles,
    "POST /beneficiaries/<uuid:beneficiary_id>/enrolments": BENEFICIARIES.roles,
    "GET /beneficiaries/enrolments/<uuid:enrolment_id>/certificate.pdf": BENEFICIARIES.roles,
    "GET /imports": IMPORTS.roles,
    "POST /imports": IMPORTS.roles,
    "GET /imports/<uuid:import_id>": IMPORTS.roles,
    "GET /imports/<uuid:import_id>/rejections.csv": IMPORTS.roles,
    "GET /cohorts": COHORTS.roles,
    "GET /cohorts/<uuid:cohort_id>": COHORTS.roles,
    "POST /cohorts/<uuid:cohort_id>/enrolments/<uuid:enrolment_id>/completion": COHORTS.roles,
    "GET /cohorts/<uuid:cohort_id>/enrolments/<uuid:enrolment_id>/certificate.pdf": COHORTS.roles,
    "GET /cohorts/<uuid:cohort_id>/sessions/<uuid:session_id>/attendance": COHORTS.roles,
    "POST /cohorts/<uuid:cohort_id>/sessions/<uuid:session_id>/attendance": COHORTS.roles,
    "GET /applications": APPLICATIONS.roles,
    "GET /applications/<uuid:application_id>": APPLICATIONS.roles,
    "POST /applications/<uuid:application_id>/decision": APPLICATIONS.roles,
    "POST /applications/<uuid:application_id>/reviews": APPLICATIONS.roles,
    "GET /applications/<uuid:application_id>/documents/<uuid:document_id>": APPLICATIONS.roles,
    "GET /payments": TRANCHES.roles,
    "GET /payments/grants/<uuid:grant_id>/tranches/<uuid:tranche_id>/release": TRANCHES.roles,
    "POST /payments/grants/<uuid:grant_id>/tranches/<uuid:tranche_id>/release": TRANCHES.roles,
    "POST /payments/tranches/<uuid:tranche_id>/payment": TRANCHES.roles,
    "GET /reports": REPORTS.roles,
    "GET /reports/<any(indicators, training, budget, grants):kind>.csv": REPORTS.roles,
}
# The demo user holding each role (they hold one each).
USERS = {"caseworker": "caseworker", "trainer": "trainer", "grant_officer": "grant-officer",
         "finance_officer": "finance-officer", "me_officer": "me-officer", "admin": "admin"}


def concrete(rule: str) -> str:
    def value(match: re.Match) -> str:
        converter = match["converter"] or ""
        if converter.startswith("any("):
            return converter[4:].split(",")[0].strip()
        return str(uuid.uuid4()) if converter == "uuid" else "none.css"
    return re.sub(r"<(?:(?P<converter>[^:>]+):)?(?P<name>\w+)>", value, rule)


def sent_to_sign_in(answer) -> bool:
    return answer.status_code in (302, 303) and "/sign-in" in answer.headers.get("Location", "")


def call(client, key: str, signed_in: bool):
    method, rule = key.split(" ", 1)
    data = {"csrf_token": csrf(client)} if method == "POST" and signed_in else {}
    return client.open(concrete(rule), method=method, data=data)


def test_the_table_names_every_page_of_the_portal_and_nothing_else(app):
    pages = {f"{method} {rule.rule}" for rule in app.url_map.iter_rules()
             for method in rule.methods - {"HEAD", "OPTIONS"}}

    assert pages == set(ACCESS)


def test_each_role_reaches_the_pages_of_its_sections_and_is_refused_the_rest(app, passwords):
    wrong = []
    for role in ROLES:  # one app for all (its demo users' hashes are slow to make)
        client = app.test_client()
        client.environ_base["wsgi.url_scheme"] = "https"
        sign_in(client, passwords, USERS[role])
        for key, allowed in sorted(ACCESS.items()):
            if key in ("POST /sign-out", "POST /sign-in"):
                continue  # they end or replace the session the rest of the sweep needs
            answer = call(client, key, signed_in=True)
            if allowed == PUBLIC or role in allowed:
                ok = answer.status_code != 403 and not sent_to_sign_in(answer)
            else:
                ok = answer.status_code == 403
            if not ok:
                wrong.append(f"{key} as {role}: {answer.status_code}")

    assert wrong == [], "\n".join(wrong)


def test_signed_out_or_forged_every_staff_page_sends_to_sign_in_and_every_form_is_refused(app):
    wrong = []
    for forged in (False, True):
        client = app.test_client()
        client.environ_base["wsgi.url_scheme"] = "https"
        if forged:
            client.set_cookie(app.config["SESSION_COOKIE_NAME"], "eyJ1c2VyIjoiYWRtaW4ifQ.forged.sig",
                              secure=True)
        for key, allowed in sorted(ACCESS.items()):
            answer = call(client, key, signed_in=False)
            if allowed == PUBLIC:
                ok = answer.status_code not in (401, 403) and not sent_to_sign_in(answer) \
                    or key == "GET /sign-in/callback"  # a callback without its state starts over
            elif key.startswith("POST "):
                ok = answer.status_code == 400  # no session, so no CSRF token to match
            else:
                ok = sent_to_sign_in(answer)
            if not ok:
                wrong.append(f"{key}{' (forged)' if forged else ''}: {answer.status_code} "
                             f"{answer.headers.get('Location')}")

    assert wrong == [], "\n".join(wrong)
