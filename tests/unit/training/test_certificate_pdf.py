"""The certificate PDF: the name read from intake over HTTP at the moment of printing (an
audited read under the caller's token: a caseworker's, or a trainer's of that cohort,
whom intake knows from training's completion event), set in Cyrillic, with a code that verifies; the
name is kept nowhere in training."""

from __future__ import annotations

import io
import threading

import pytest
from pypdf import PdfReader
from werkzeug.serving import make_server

from services.training.handlers import HANDLERS
from shared import config, migrations, tokens
from shared.events.contracts.intake import BENEFICIARY_ERASED
from shared.events.contracts.training import ENROLMENT_COMPLETED
from shared.events.envelope import Envelope
from tests.support.fixtures import TEST_SECRET
from tests.support.intake.completions import deliver_completion
from tests.support.intake.outbox import events as intake_events
from tests.support.intake.queries import audit_rows
from tests.support.registrations import registration
from tests.support.training import TrainingWorld

NAME = ("Олена", "Коваль")


@pytest.fixture
def intake_url(intake_app):
    """Intake's app served over HTTP on a free local port for the test's length."""
    server = make_server("127.0.0.1", 0, intake_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def world(tmp_path, intake_url, staff):
    from services.training.app import create_app
    from services.training.service import SERVICE

    settings = config.from_env("training", {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET,
                                            "TRAINING_INTAKE_URL": intake_url})
    migrations.upgrade(SERVICE.migrations_dir, settings.database_url)
    app = create_app(settings, configure_logging=False)
    from shared.db import Database

    db = Database(settings.database_url)
    yield TrainingWorld(app.test_client(), staff, db)
    db.dispose()


@pytest.fixture
def staff(intake_settings):
    def headers(*roles: str, user: str = "tester") -> dict:
        return {"Authorization": f"Bearer {tokens.issue(intake_settings.jwt, user, list(roles))}"}

    return headers


def registered(client, staff, intake_settings, world, language="uk") -> str:
    """A beneficiary registered at intake, announced to training by intake's own events."""
    body = registration(language=language)
    body["person"].update(first_name=NAME[0], second_name=NAME[1])
    answer = client.post("/beneficiaries", json=body, headers=staff("caseworker"))
    assert answer.status_code == 201, answer.json
    for wire in intake_events(intake_settings):
        if wire["type"] in HANDLERS:
            with world.db.transaction() as session:
                HANDLERS[wire["type"]](session, Envelope.from_wire(wire))
    return answer.json["id"]


def completed(world, beneficiary_id) -> dict:
    cohort = world.cohort(count=1)
    placed = world.enrol(cohort["id"], beneficiary_id).json
    world.move(cohort["id"], "running")
    world.client.put(f"/cohorts/{cohort['id']}/sessions/{cohort['sessions'][0]['id']}/attendance",
                     json={"marks": [{"enrolment_id": placed["id"], "mark": "present"}]},
                     headers=world.as_("admin"))
    answer = world.client.post(f"/enrolments/{placed['id']}/completion", json={},
                               headers=world.as_("admin"))
    assert answer.status_code == 200, answer.json
    return answer.json


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_certificate_shows_the_name_in_cyrillic_and_a_code_that_verifies(
        world, client, staff, intake_settings):
    someone = registered(client, staff, intake_settings, world)
    done = completed(world, someone)
    answer = world.client.get(f"/enrolments/{done['id']}/certificate.pdf",
                              headers=staff("caseworker", user="cw-7"))
    assert answer.status_code == 200, answer.data[:300]
    assert answer.mimetype == "application/pdf"
    text = text_of(answer.data)
    assert "Олена Коваль" in text
    assert "СЕРТИФІКАТ" in text and "Starting a small business" in text
    assert done["certificate_code"] in text
    verified = world.client.get(f"/certificates/{done['certificate_code']}")
    assert verified.json["genuine"] is True
    assert NAME[0] not in verified.text


def test_the_certificate_carries_the_verification_address_and_its_qr_code(
        world, client, staff, intake_settings):
    done = completed(world, registered(client, staff, intake_settings, world))
    answer = world.client.get(f"/enrolments/{done['id']}/certificate.pdf", headers=staff("caseworker"))
    [page] = PdfReader(io.BytesIO(answer.data)).pages
    assert len(page.images) == 1  # the QR code
    assert f"http://127.0.0.1:8002/certificates/{done['certificate_code']}" in page.extract_text()


def test_printing_is_an_audited_read_of_intake_under_the_callers_name(
        world, client, staff, intake_settings):
    done = completed(world, registered(client, staff, intake_settings, world))
    world.client.get(f"/enrolments/{done['id']}/certificate.pdf", headers=staff("caseworker", user="cw-7"))
    [read] = [row for row in audit_rows(intake_settings) if row["action"] == "read"]
    assert (read["actor"], read["beneficiary_id"]) == ("cw-7", done["beneficiary_id"])
    assert done["certificate_code"] in read["reason"]


def test_the_certificate_is_in_english_when_asked(world, client, staff, intake_settings):
    done = completed(world, registered(client, staff, intake_settings, world))
    answer = world.client.get(f"/enrolments/{done['id']}/certificate.pdf?language=en",
                              headers=staff("caseworker"))
    text = text_of(answer.data)
    assert "CERTIFICATE OF COMPLETION" in text and "Олена Коваль" in text


def test_the_name_is_kept_nowhere_in_trainings_database(world, client, staff, intake_settings, tmp_path):
    done = completed(world, registered(client, staff, intake_settings, world))
    world.client.get(f"/enrolments/{done['id']}/certificate.pdf", headers=staff("caseworker"))
    world.db.dispose()
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("training.db*"))
    assert NAME[1].encode() not in stored and NAME[1].encode("utf-16-le") not in stored


def test_a_trainer_of_the_cohort_prints_it_with_the_name_intake_gives_them(
        world, client, staff, intake_settings, intake_runtime):
    done = completed(world, registered(client, staff, intake_settings, world))
    [told] = world.events(ENROLMENT_COMPLETED)
    assert told["trainers"] == ["trainer-1"]
    deliver_completion(intake_runtime, told)

    answer = world.client.get(f"/enrolments/{done['id']}/certificate.pdf",
                              headers=staff("trainer", user="trainer-1"))

    assert answer.status_code == 200, answer.data[:300]
    assert "Олена Коваль" in text_of(answer.data)
    [read] = [row for row in audit_rows(intake_settings) if row["action"] == "read"]
    assert (read["actor"], read["reason"]) == (
        "trainer-1", f"certificate of completion {done['certificate_code']}")


def test_a_trainer_of_another_cohort_cannot_print_it(world, client, staff, intake_settings,
                                                     intake_runtime):
    done = completed(world, registered(client, staff, intake_settings, world))
    deliver_completion(intake_runtime, world.events(ENROLMENT_COMPLETED)[0])
    answer = world.client.get(f"/enrolments/{done['id']}/certificate.pdf",
                              headers=staff("trainer", user="trainer-2"))
    assert answer.status_code == 403
    assert [row for row in audit_rows(intake_settings) if row["action"] == "read"] == []


def test_an_erased_persons_certificate_still_verifies_but_is_not_printed(
        world, client, staff, intake_settings):
    someone = registered(client, staff, intake_settings, world)
    done = completed(world, someone)
    erased = client.post(f"/beneficiaries/{someone}/erasure", json={"reason": "asked to be forgotten"},
                         headers=staff("caseworker"))
    assert erased.status_code in (200, 204), erased.json
    for wire in intake_events(intake_settings, BENEFICIARY_ERASED):
        with world.db.transaction() as session:
            HANDLERS[BENEFICIARY_ERASED](session, Envelope.from_wire(wire))
    assert world.client.get(f"/certificates/{done['certificate_code']}").json["genuine"] is True
    answer = world.client.get(f"/enrolments/{done['id']}/certificate.pdf", headers=staff("caseworker"))
    assert answer.status_code == 410
