"""On PostgreSQL, every service while a database of its own refuses connections (as while
it restarts): requests answer 503 with Retry-After in the error shape, never 500, and
``/readyz`` names the database unreachable; once it is back, both recover by themselves.
A read whose connection was terminated under it is run again and answered."""

from __future__ import annotations

import uuid

import pytest

from shared.roles import ADMIN
from shared.web.runtime import runtime
from tests.support.connection_faults import at_statement, refusing_connections, terminating
from tests.support.registrations import registration

pytestmark = pytest.mark.integration

SOMEONE = str(uuid.uuid4())
# service, the database's variable, its name in /readyz, a request needing it, its usual answer
CASES = [
    ("training", "TRAINING_DATABASE_URL", "database", ("get", f"/beneficiaries/{SOMEONE}", None), 404),
    ("grants", "GRANTS_DATABASE_URL", "database", ("get", f"/beneficiaries/{SOMEONE}", None), 404),
    ("notifications", "NOTIFICATIONS_DATABASE_URL", "database",
     ("get", f"/beneficiaries/{SOMEONE}/messages", None), 200),
    ("intake", "INTAKE_DATABASE_URL", "database", ("get", "/imports", None), 200),
    ("intake", "INTAKE_KEYSTORE_DATABASE_URL", "keystore",
     ("post", "/beneficiaries", registration()), 201),
]


@pytest.mark.parametrize("service, variable, check, request_, usual", CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_a_service_whose_database_is_unreachable_answers_503_and_recovers_by_itself(
        platform, service, variable, check, request_, usual):
    client = platform.client(service)
    method, path, body = request_

    def send():
        return getattr(client, method)(path, json=body, headers=platform.token(ADMIN))

    with refusing_connections(platform, variable):
        refused, readiness = send(), client.get("/readyz")
    answered, ready = send(), client.get("/readyz")

    assert refused.status_code == 503
    assert refused.get_json() == {
        "code": 503, "status": "Service Unavailable",
        "message": "the service cannot reach its database just now: try again after Retry-After seconds"}
    assert int(refused.headers["Retry-After"]) > 0
    assert readiness.status_code == 503
    assert readiness.get_json()["checks"][check] == "unreachable"
    assert answered.status_code == usual
    assert ready.status_code == 200


def test_a_read_whose_connection_was_terminated_under_it_is_run_again_and_answered(platform):
    client = platform.client("training")
    with client.application.app_context():
        engine = runtime().db.engine
    statements, lose_the_first = [], terminating(platform, "TRAINING_DATABASE_URL", times=1)

    with at_statement(engine, lambda: (statements.append(1), lose_the_first())):
        response = client.get(f"/beneficiaries/{SOMEONE}", headers=platform.token(ADMIN))

    assert response.status_code == 404  # not known to training: answered, not 503
    assert len(statements) >= 2
