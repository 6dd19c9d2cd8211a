"""Every endpoint of every service's API × every role, from one table: no token and a
token that does not verify get 401, a role the table does not name gets 403, a role it
names gets past the door (whatever the request then earns: 200, 404, 422...). Routes are
read from each app's URL map, so an endpoint missing from the table (or a table row for
an endpoint that no longer exists) fails the test.

Who may do what, from the product rules (issues 3, 10, 11, 12): personal data to
caseworkers and admins only; M&E staff read aggregate reports, never a record; trainers
run courses, cohorts and attendance; grant officers score and decide, finance officers
release and confirm tranches, caseworkers draft and submit applications; a beneficiary's
message history to caseworkers, its counts to any staff; templates are edited by admins.

And personal data is never in an error body or a log line: a person registered with
distinctive details, then every request of the sweep and requests that carry those
details where they do not belong; no answer but a caseworker's or admin's successful
read of intake shows them, and no log line at all.
"""

from __future__ import annotations

import json
import logging
import re
import uuid

import pytest

from shared import tokens
from shared.roles import (
    ADMIN,
    CASEWORK,
    CASEWORKER,
    FINANCE_OFFICER,
    GRANT_OFFICER,
    MONITORING,
    ROLES,
    TRAINER,
    TRAINING_STAFF,
)
from tests.support.fuzzing import fuzzed_service
from tests.support.registrations import registration

PUBLIC = "no sign-in"  # health, API documents, metrics, certificate checks, Kannel's callbacks
STAFF = ROLES
GRANT_STAFF = (CASEWORKER, GRANT_OFFICER, FINANCE_OFFICER, ADMIN)  # reads of applications, grants
FINANCE = (FINANCE_OFFICER, ADMIN)
DECIDERS = (GRANT_OFFICER, ADMIN)
OFFICERS = (GRANT_OFFICER, FINANCE_OFFICER, ADMIN)
ENROLLERS = (CASEWORKER, TRAINER, ADMIN)  # caseworkers enrol and withdraw their beneficiaries

COMMON = {  # every service's web
    "GET /healthz": PUBLIC, "GET /readyz": PUBLIC, "GET /metrics": PUBLIC,
    "GET /openapi.json": PUBLIC, "GET /docs": PUBLIC, "GET /docs/assets/<name>": PUBLIC,
    "GET /static/<path:filename>": PUBLIC,
}

ACCESS = {
    "intake": {
        **COMMON,
        "GET /beneficiaries": CASEWORK,
        "POST /beneficiaries": CASEWORK,
        "GET /beneficiaries/<uuid:beneficiary_id>": CASEWORK,
        "PATCH /beneficiaries/<uuid:beneficiary_id>": CASEWORK,
        "GET /beneficiaries/<uuid:beneficiary_id>/certificate-name": (TRAINER,),  # own cohorts'
        "GET /beneficiaries/<uuid:beneficiary_id>/consents": CASEWORK,
        "POST /beneficiaries/<uuid:beneficiary_id>/consents": CASEWORK,
        "POST /beneficiaries/<uuid:beneficiary_id>/erasure": CASEWORK,
        "GET /imports": CASEWORK,
        "POST /imports": CASEWORK,
        "GET /imports/<uuid:import_id>": CASEWORK,
        "GET /imports/<uuid:import_id>/rejections.csv": CASEWORK,
        "GET /nrm/expiring": CASEWORK,
        "POST /openrosa/submission": CASEWORK,
        "GET /reports/indicators": MONITORING,
    },
    "training": {
        **COMMON,
        "GET /beneficiaries/<uuid:beneficiary_id>": TRAINING_STAFF,
        "GET /beneficiaries/<uuid:beneficiary_id>/enrolments": ENROLLERS,
        "GET /certificates/<string(maxlength=20):code>": PUBLIC,  # a code's check, never a name
        "GET /courses": ENROLLERS,
        "POST /courses": TRAINING_STAFF,
        "GET /courses/<uuid:course_id>": ENROLLERS,
        "PATCH /courses/<uuid:course_id>": TRAINING_STAFF,
        "GET /cohorts": ENROLLERS,
        "POST /cohorts": TRAINING_STAFF,
        "GET /cohorts/<uuid:cohort_id>": ENROLLERS,
        "PATCH /cohorts/<uuid:cohort_id>": TRAINING_STAFF,
        "POST /cohorts/<uuid:cohort_id>/cancellation": TRAINING_STAFF,
        "GET /cohorts/<uuid:cohort_id>/enrolments": TRAINING_STAFF,
        "POST /cohorts/<uuid:cohort_id>/enrolments": ENROLLERS,
        "GET /cohorts/<uuid:cohort_id>/sessions.ics": ENROLLERS,
        "GET /cohorts/<uuid:cohort_id>/sessions/<uuid:session_id>/attendance": TRAINING_STAFF,
        "PUT /cohorts/<uuid:cohort_id>/sessions/<uuid:session_id>/attendance": TRAINING_STAFF,
        "GET /enrolments/<uuid:enrolment_id>": ENROLLERS,
        "GET /enrolments/<uuid:enrolment_id>/certificate.pdf": ENROLLERS,  # trainers: own cohorts
        "POST /enrolments/<uuid:enrolment_id>/completion": TRAINING_STAFF,
        "POST /enrolments/<uuid:enrolment_id>/withdrawal": ENROLLERS,
        "GET /reports/training": MONITORING,
    },
    "grants": {
        **COMMON,
        "GET /beneficiaries/<uuid:beneficiary_id>": OFFICERS,
        "GET /applications": GRANT_STAFF,
        "POST /applications": CASEWORK,
        "GET /applications/<uuid:application_id>": GRANT_STAFF,
        "PATCH /applications/<uuid:application_id>": CASEWORK,
        "POST /applications/<uuid:application_id>/submission": CASEWORK,
        "POST /applications/<uuid:application_id>/withdrawal": CASEWORK,
        "POST /applications/<uuid:application_id>/documents": CASEWORK,
        "GET /applications/<uuid:application_id>/documents/<uuid:document_id>": GRANT_STAFF,
        "GET /applications/<uuid:application_id>/reviews": GRANT_STAFF,
        "POST /applications/<uuid:application_id>/reviews": DECIDERS,
        "GET /applications/<uuid:application_id>/decision": GRANT_STAFF,
        "POST /applications/<uuid:application_id>/decision": DECIDERS,
        "GET /grants": GRANT_STAFF,
        "GET /grants/<uuid:grant_id>": GRANT_STAFF,
        "POST /grants/<uuid:grant_id>/monitoring-visits": DECIDERS,
        "POST /grants/<uuid:grant_id>/monitoring-visits/<uuid:visit_id>/evidence": DECIDERS,
        "GET /programmes": GRANT_STAFF,
        "POST /programmes": DECIDERS,
        "GET /programmes/<uuid:programme_id>": GRANT_STAFF,
        "GET /programmes/<uuid:programme_id>/rates": GRANT_STAFF,
        "POST /programmes/<uuid:programme_id>/rates": OFFICERS,
        "GET /suppliers": GRANT_STAFF,
        "POST /suppliers": OFFICERS,
        "GET /suppliers/<uuid:supplier_id>": GRANT_STAFF,
        "GET /tranches/<uuid:tranche_id>": GRANT_STAFF,
        "POST /tranches/<uuid:tranche_id>/release": FINANCE,
        "POST /tranches/<uuid:tranche_id>/payment": FINANCE,
        "POST /tranches/<uuid:tranche_id>/reversal": FINANCE,
        "GET /reports/grants": MONITORING,
        "GET /reports/budget": MONITORING,
    },
    "notifications": {
        **COMMON,
        "GET /beneficiaries/<uuid:beneficiary_id>/messages": CASEWORK,
        "GET /beneficiaries/<uuid:beneficiary_id>/messages/counts": STAFF,
        "GET /beneficiaries/<uuid:beneficiary_id>/channel-preference": CASEWORK,
        "PUT /beneficiaries/<uuid:beneficiary_id>/channel-preference": CASEWORK,
        "GET /sinks/<any(sms, email):channel>": CASEWORK,  # what was sent: to and text
        "GET /templates": CASEWORK,
        "GET /templates/<kind>/<language>": CASEWORK,
        "PUT /templates/<kind>/<language>": (ADMIN,),
        "GET /templates/<kind>/<language>/history": CASEWORK,
        "POST /templates/<kind>/<language>/preview": CASEWORK,
        "GET /gateways/kannel/dlr": PUBLIC,  # Kannel's calls, with its own shared token
        "GET /gateways/kannel/inbound": PUBLIC,
        "GET /reports/messages": MONITORING,
    },
}

# A person no other test registers: their details must not leak anywhere but a
# caseworker's or admin's successful read of intake.
FIRST, SECOND, PHONE, BIRTHDATE = "Zoryslava", "Kvitchenko", "+380679876543", "1987-11-23"
NEEDLES = (FIRST, SECOND, PHONE[4:], "987 6543", "987-6543", BIRTHDATE)
SIGNED = {**{role: role for role in ROLES}, "no token": None, "bad token": "bad"}


@pytest.fixture(scope="module")
def apps(tmp_path_factory):
    return {name: fuzzed_service(name, tmp_path_factory.mktemp(name)) for name in ACCESS}


@pytest.fixture(scope="module")
def someone(apps):
    app, settings = apps["intake"]
    body = registration(birthdate=BIRTHDATE)
    body["person"].update(first_name=FIRST, second_name=SECOND, mobile_phone=PHONE)
    answer = app.test_client().post("/beneficiaries", json=body,
                                    headers=headers(settings, CASEWORKER))
    assert answer.status_code == 201, answer.json
    return answer.json["id"], body


def headers(settings, role: str | None) -> dict:
    if role is None:
        return {}
    if role == "bad":
        return {"Authorization": "Bearer not-a-token"}
    return {"Authorization": f"Bearer {tokens.issue(settings.jwt, 'role-tester', [role])}"}


def routes(app) -> set[str]:
    return {f"{method} {rule.rule}" for rule in app.url_map.iter_rules()
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def concrete(rule: str, beneficiary_id: str) -> str:
    """A path for the rule: the registered person where a beneficiary is named, a new
    id elsewhere, a plain value for any other part."""
    def value(match: re.Match) -> str:
        converter, name = match["converter"] or "", match["name"]
        if name == "beneficiary_id":
            return beneficiary_id
        if converter == "uuid":
            return str(uuid.uuid4())
        if converter.startswith("any("):
            return converter[4:].split(",")[0].strip()
        return {"kind": "welcome", "language": "uk", "filename": "none.css"}.get(name, "ABC123")
    return re.sub(r"<(?:(?P<converter>[^:>]+):)?(?P<name>\w+)>", value, rule)


def call(client, settings, key: str, beneficiary_id: str, role: str | None):
    method, rule = key.split(" ", 1)
    body = {} if method in ("POST", "PUT", "PATCH") else None
    return client.open(concrete(rule, beneficiary_id), method=method, json=body,
                       headers=headers(settings, role))


def leaked(text: str) -> list[str]:
    return [needle for needle in NEEDLES if needle.lower() in text.lower()]


def may_see_personal_data(service: str, role: str | None, status: int) -> bool:
    return service == "intake" and role in CASEWORK and status < 400


@pytest.mark.parametrize("service", ACCESS)
def test_the_table_names_every_endpoint_of_the_service_and_nothing_else(apps, service):
    app, _ = apps[service]

    assert routes(app) == set(ACCESS[service])


@pytest.mark.parametrize("service", ACCESS)
def test_every_endpoint_answers_each_role_as_the_table_says(apps, someone, caplog, service):
    app, settings = apps[service]
    client, beneficiary_id = app.test_client(), someone[0]
    wrong, leaks = [], []
    caplog.set_level(logging.INFO)

    for key, allowed in sorted(ACCESS[service].items()):
        for label, role in SIGNED.items():
            answer = call(client, settings, key, beneficiary_id, role)
            status = answer.status_code
            if allowed == PUBLIC:
                expected_ok = status not in (401, 403)
            elif role in (None, "bad"):
                expected_ok = status == 401
            elif role in allowed:
                expected_ok = status not in (401, 403)
            else:
                expected_ok = status == 403
            if not expected_ok:
                wrong.append(f"{key} as {label}: {status}")
            if not may_see_personal_data(service, role, status) and leaked(answer.get_data(True)):
                leaks.append(f"{key} as {label}: {status} shows {leaked(answer.get_data(True))}")

    assert wrong == [], "\n".join(wrong)
    assert leaks == [], "\n".join(leaks)
    assert leaked(_logged(caplog)) == []


def test_requests_carrying_personal_data_never_echo_it_in_errors_or_logs(apps, someone, caplog):
    beneficiary_id, registered = someone
    caplog.set_level(logging.INFO)
    named = f"{FIRST} {SECOND} {PHONE}"
    bad_requests = [  # (service, role, method, path, body)
        ("intake", CASEWORKER, "POST", "/beneficiaries", registered),  # a duplicate
        ("intake", CASEWORKER, "POST", "/beneficiaries",
         {**registered, "person": {**registered["person"], "birthdate": named}}),
        ("intake", CASEWORKER, "PATCH", f"/beneficiaries/{beneficiary_id}",
         {"person": {"mobile_phone": f"{PHONE}{FIRST}", "first_name": [FIRST]}}),
        ("intake", CASEWORKER, "GET",
         f"/beneficiaries?first_name={FIRST}&phone={PHONE}x&birthdate={FIRST}&code={SECOND}", None),
        ("intake", CASEWORKER, "GET", f"/beneficiaries/{beneficiary_id}?reason=", None),
        ("intake", TRAINER, "GET", f"/beneficiaries?name={FIRST}%20{SECOND}", None),
        ("intake", CASEWORKER, "POST", f"/beneficiaries/{beneficiary_id}/consents",
         {"purpose": named, "granted": FIRST}),
        ("training", TRAINER, "POST", "/cohorts", {"venue": named, "course_id": FIRST}),
        ("grants", CASEWORKER, "POST", "/applications",
         {"beneficiary_id": beneficiary_id, "business_name": named, "amount": FIRST}),
        ("notifications", ADMIN, "PUT", "/templates/welcome/uk", {"body": f"{{{{ {FIRST} }}"}),
        ("notifications", CASEWORKER, "PUT", f"/beneficiaries/{beneficiary_id}/channel-preference",
         {"channel": named}),
    ]
    shown = []
    app, settings = apps["intake"]
    read = app.test_client().get(f"/beneficiaries/{beneficiary_id}?reason=case review",
                                 headers=headers(settings, CASEWORKER))
    assert read.status_code == 200 and FIRST in leaked(read.get_data(True))  # the needles match
    for service, role, method, path, body in bad_requests:
        app, settings = apps[service]
        answer = app.test_client().open(path, method=method, json=body,
                                        headers=headers(settings, role))
        assert answer.status_code >= 400, f"{method} {path} as {role} was accepted"
        if leaked(answer.get_data(True)):
            shown.append(f"{method} {path} as {role}: {answer.status_code} "
                         f"{answer.get_data(True)[:300]}")

    assert shown == [], "\n".join(shown)
    assert leaked(_logged(caplog)) == []


def _logged(caplog) -> str:
    """Every captured record whole: its message and every field it carries."""
    return caplog.text + json.dumps([vars(record) for record in caplog.records], default=str)
