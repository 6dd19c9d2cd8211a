"""On RabbitMQ and PostgreSQL: a trainer completes someone in the cohort they teach and
prints the certificate. Training's completion event carries the cohort's trainers over
the broker; intake's worker keeps them; training, asked by that trainer, reads the name
from intake's narrow door over HTTP (an audited read) and prints it; another trainer
gets nothing."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from services.intake.adapters.tables import audit_log
from services.training.app import create_app as training_app
from shared.db import Database
from shared.roles import CASEWORKER, TRAINER
from tests.support.notifications.web import ServedApp
from tests.support.registrations import registration
from tests.support.training import TrainingWorld
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

OLHA = "trainer-1"  # the trainer TrainingWorld's cohorts name


def reads_of(platform, beneficiary_id: str) -> list[dict]:
    db = Database(platform.settings("intake").database_url)
    try:
        with db.reading() as session:
            return [dict(row) for row in session.execute(audit_log.select().where(
                audit_log.c.beneficiary_id == beneficiary_id, audit_log.c.action == "read")
            ).mappings()]
    finally:
        db.dispose()


def answered(status: int, request):
    """A poll: the answer when it has ``status``, else nothing (asked again)."""
    def poll():
        answer = request()
        return answer if answer.status_code == status else None
    return poll


def test_a_trainer_completes_someone_and_prints_their_certificate(platform):
    platform.worker("intake")
    platform.worker("training")
    body = registration()
    person = platform.client("intake").post("/beneficiaries", json=body,
                                            headers=platform.token(CASEWORKER)).json["id"]
    name = f"{body['person']['first_name']} {body['person']['second_name']}"

    with ServedApp(platform.client("intake").application) as intake:
        settings = platform.settings("training", TRAINING_INTAKE_URL=intake.url)
        db = Database(settings.database_url)
        try:
            world = TrainingWorld(training_app(settings, configure_logging=False).test_client(),
                                  platform.token, db)
            cohort = world.cohort(count=1)
            placed = eventually(answered(201, lambda: world.enrol(cohort["id"], person)),
                                what="training knowing the person").json
            world.move(cohort["id"], "running")
            olha = world.as_(TRAINER, user=OLHA)
            marked = world.client.put(
                f"/cohorts/{cohort['id']}/sessions/{cohort['sessions'][0]['id']}/attendance",
                json={"marks": [{"enrolment_id": placed["id"], "mark": "present"}]}, headers=olha)
            assert marked.status_code == 200, marked.json
            done = world.client.post(f"/enrolments/{placed['id']}/completion", json={}, headers=olha)
            assert done.status_code == 200, done.json

            path = f"/enrolments/{placed['id']}/certificate.pdf"
            printed = eventually(answered(200, lambda: world.client.get(path, headers=olha)),
                                 what="intake knowing the cohort's trainers")
            other = world.client.get(path, headers=world.as_(TRAINER, user="trainer-2"))
        finally:
            db.dispose()

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(printed.data)).pages)
    assert name in text and done.json["certificate_code"] in text
    assert other.status_code == 403
    [read] = reads_of(platform, person)
    assert (read["actor"], read["reason"]) == (
        OLHA, f"certificate of completion {done.json['certificate_code']}")
