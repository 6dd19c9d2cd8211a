"""Schemathesis' state machine against every service's OpenAPI document: sequences of
calls along the links it infers from the document (the id a create or a list answers
with, passed to that resource's reads and changes), bounded for CI. No answer is a 5xx
or off the document, and what was created can be read (schemathesis' stateful checks);
the links from each create to its read are found, so the sequences reach them."""

from __future__ import annotations

import pytest

from tests.support.fuzzing import STATEFUL, admin_token, assert_clean, fuzz_statefully, fuzzed_service
from tests.unit.grants.api.test_openapi_fuzzing import CONFIG as GRANTS
from tests.unit.intake.api.test_openapi_fuzzing import CONFIG as INTAKE
from tests.unit.notifications.test_openapi_fuzzing import CONFIG as NOTIFICATIONS
from tests.unit.training.test_openapi_fuzzing import CONFIG as TRAINING

SCENARIOS, STEPS = 15, 6  # call sequences per service, and calls in each at most

# service: (its fuzzing settings, links that must be found, a read that must answer 200
# with an id passed on, where the bounded run reaches one every time)
SERVICES = {
    "intake": (INTAKE, {"POST /beneficiaries -> GET /beneficiaries/{beneficiary_id}",
                        "POST /imports -> GET /imports/{import_id}"},
               "GET /imports/{import_id}"),
    "training": (TRAINING, {"POST /courses -> GET /courses/{course_id}",
                            "POST /cohorts -> GET /cohorts/{cohort_id}"},
                 "GET /courses/{course_id}"),
    "grants": (GRANTS, {"POST /applications -> GET /applications/{application_id}",
                        "POST /programmes -> GET /programmes/{programme_id}"}, None),
    "notifications": (NOTIFICATIONS, {"GET /templates -> GET /templates/{kind}/{language}",
                                      "GET /templates -> PUT /templates/{kind}/{language}"}, None),
}


@pytest.mark.parametrize("service", SERVICES)
def test_call_sequences_along_the_documents_links_never_answer_5xx_or_off_the_document(
        tmp_path, service):
    config, links, reached = SERVICES[service]
    app, settings = fuzzed_service(service, tmp_path,
                                   NOTIFICATIONS_KANNEL_INBOUND_TOKEN="t" * 20)

    run = fuzz_statefully(app, admin_token(settings), config, SCENARIOS, STEPS)

    assert_clean(run)
    assert links <= run.links
    if reached:
        assert 200 in run.statuses(reached, STATEFUL)
