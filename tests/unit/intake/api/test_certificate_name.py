"""The name on a certificate, for a trainer: intake keeps training's completions with the
cohort's trainers; one of them gets the first and second name (nothing else of the
record), audited with the certificate's code; another trainer is refused, an enrolment
not completed is not found, an erased person is gone (410), and erasure forgets the
completions."""

from __future__ import annotations

import uuid

from services.intake.adapters.tables import completed_enrolments
from shared.roles import CASEWORKER, TRAINER
from tests.support.intake.completions import completed_at_training, deliver_completion
from tests.support.intake.queries import audit_rows, rows
from tests.support.registrations import registration

OLHA = "trainer-olha"


def someone(client, bearer) -> tuple[str, dict]:
    body = registration()
    answer = client.post("/beneficiaries", json=body, headers=bearer(CASEWORKER))
    assert answer.status_code == 201, answer.json
    return answer.json["id"], body


def name_for(client, bearer, beneficiary_id: str, enrolment_id: str, user: str = OLHA,
             code: str | None = None):
    query = f"enrolment_id={enrolment_id}" + (f"&certificate_code={code}" if code else "")
    return client.get(f"/beneficiaries/{beneficiary_id}/certificate-name?{query}",
                      headers=bearer(TRAINER, user=user))


def test_a_trainer_of_the_cohort_gets_the_name_alone_and_the_read_is_audited(
        client, bearer, intake_runtime, intake_settings):
    beneficiary_id, body = someone(client, bearer)
    done = completed_at_training(intake_runtime, beneficiary_id, [OLHA, "trainer-petro"])

    answer = name_for(client, bearer, beneficiary_id, done["enrolment_id"],
                      code=done["certificate_code"])

    assert answer.status_code == 200, answer.json
    assert answer.json == {"person": {"first_name": body["person"]["first_name"],
                                      "second_name": body["person"]["second_name"]}}
    [read] = [row for row in audit_rows(intake_settings) if row["action"] == "read"]
    assert (read["actor"], read["beneficiary_id"]) == (OLHA, beneficiary_id)
    assert read["reason"] == f"certificate of completion {done['certificate_code']}"


def test_without_a_code_the_read_is_audited_as_a_certificate_of_completion(
        client, bearer, intake_runtime, intake_settings):
    beneficiary_id, _ = someone(client, bearer)
    done = completed_at_training(intake_runtime, beneficiary_id, [OLHA])
    assert name_for(client, bearer, beneficiary_id, done["enrolment_id"]).status_code == 200
    assert [row["reason"] for row in audit_rows(intake_settings)
            if row["action"] == "read"] == ["certificate of completion"]


def test_another_trainer_is_refused_and_nothing_is_read(
        client, bearer, intake_runtime, intake_settings):
    beneficiary_id, body = someone(client, bearer)
    done = completed_at_training(intake_runtime, beneficiary_id, [OLHA])

    answer = name_for(client, bearer, beneficiary_id, done["enrolment_id"], user="trainer-ivan")

    assert answer.status_code == 403
    assert body["person"]["first_name"] not in answer.get_data(as_text=True)
    assert [row for row in audit_rows(intake_settings) if row["action"] == "read"] == []


def test_an_enrolment_not_completed_or_of_someone_else_is_not_found(client, bearer, intake_runtime):
    beneficiary_id, _ = someone(client, bearer)
    other_id, _ = someone(client, bearer)
    done = completed_at_training(intake_runtime, other_id, [OLHA])

    assert name_for(client, bearer, beneficiary_id, str(uuid.uuid4())).status_code == 404
    assert name_for(client, bearer, beneficiary_id, done["enrolment_id"]).status_code == 404


def test_the_narrow_door_is_for_trainers_only_and_gives_no_record(client, bearer, intake_runtime):
    beneficiary_id, _ = someone(client, bearer)
    done = completed_at_training(intake_runtime, beneficiary_id, [OLHA])
    path = f"/beneficiaries/{beneficiary_id}"

    assert client.get(f"{path}/certificate-name?enrolment_id={done['enrolment_id']}",
                      headers=bearer(CASEWORKER, user=OLHA)).status_code == 403
    assert client.get(f"{path}?reason=certificate of completion",
                      headers=bearer(TRAINER, user=OLHA)).status_code == 403


def test_an_erased_person_is_gone_and_their_completions_are_forgotten(
        client, bearer, intake_runtime, intake_settings):
    beneficiary_id, _ = someone(client, bearer)
    done = completed_at_training(intake_runtime, beneficiary_id, [OLHA])
    assert len(rows(intake_settings, completed_enrolments)) == 1

    client.post(f"/beneficiaries/{beneficiary_id}/erasure", json={"reason": "asked to be forgotten"},
                headers=bearer(CASEWORKER))

    assert rows(intake_settings, completed_enrolments) == []
    assert name_for(client, bearer, beneficiary_id, done["enrolment_id"]).status_code == 410
    completed_at_training(intake_runtime, beneficiary_id, [OLHA])  # told after the erasure
    assert rows(intake_settings, completed_enrolments) == []


def test_a_completion_told_twice_is_kept_once(client, bearer, intake_runtime, intake_settings):
    beneficiary_id, _ = someone(client, bearer)
    done = completed_at_training(intake_runtime, beneficiary_id, [OLHA])
    deliver_completion(intake_runtime, done)

    assert [row["enrolment_id"] for row in rows(intake_settings, completed_enrolments)] == [
        done["enrolment_id"]]
