"""Enrolment: who may be placed, a seat or a place in line, withdrawal and promotion,
overlapping schedules, the same request twice, capacity, cancellation."""

from __future__ import annotations

import uuid

from shared.events.contracts.intake import BENEFICIARY_ERASED
from tests.support.training import deliver


def test_a_beneficiary_is_enrolled_and_announced(world):
    cohort, someone = world.cohort(), world.beneficiary()
    answer = world.enrol(cohort["id"], someone)
    assert answer.status_code == 201
    assert (answer.json["status"], answer.json["beneficiary_id"]) == ("enrolled", someone)
    [created] = world.events("training.enrolment.created")
    assert (created["enrolment_id"], created["course_category"]) == (answer.json["id"], "business_skills")


def test_someone_intake_never_announced_is_refused_as_unknown(world):
    answer = world.enrol(world.cohort()["id"], str(uuid.uuid4()))
    assert answer.status_code == 422
    assert "unknown to training" in answer.json["message"]
    assert list(answer.json["errors"]["json"]) == ["beneficiary_id"]


def test_someone_without_consent_to_case_management_is_refused_naming_it(world):
    answer = world.enrol(world.cohort()["id"], world.beneficiary(consent=False))
    assert answer.status_code == 422
    assert "no active consent to case management" in answer.json["message"]


def test_an_erased_person_is_refused_as_erased(world):
    someone = world.beneficiary()
    deliver(world.db, BENEFICIARY_ERASED, someone)
    answer = world.enrol(world.cohort()["id"], someone)
    assert answer.status_code == 422
    assert "erased" in answer.json["message"]


def test_beyond_capacity_people_are_waitlisted_in_order_with_their_position(world):
    cohort = world.cohort(capacity=1)
    first, second, third = (world.enrol(cohort["id"], world.beneficiary()).json for _ in range(3))
    assert first["status"] == "enrolled"
    assert [(second["status"], second["position"]), (third["status"], third["position"])] == [
        ("waitlisted", 1), ("waitlisted", 2)]
    assert [e["position"] for e in world.events("training.enrolment.waitlisted")] == [1, 2]


def test_a_withdrawal_promotes_the_first_in_line(world):
    cohort = world.cohort(capacity=1)
    first, second, third = (world.enrol(cohort["id"], world.beneficiary()).json for _ in range(3))
    answer = world.client.post(f"/enrolments/{first['id']}/withdrawal", json={"reason": "found work"},
                               headers=world.as_("caseworker"))
    assert answer.status_code == 200
    assert answer.json["status"] == "withdrawn"
    line = {e["id"]: e for e in world.client.get(f"/cohorts/{cohort['id']}/enrolments",
                                                 headers=world.as_("admin")).json}
    assert line[second["id"]]["status"] == "enrolled"
    assert (line[third["id"]]["status"], line[third["id"]]["position"]) == ("waitlisted", 1)
    assert [e["enrolment_id"] for e in world.events("training.enrolment.promoted")] == [second["id"]]
    [withdrawn] = world.events("training.enrolment.withdrawn")
    assert withdrawn["previous_status"] == "enrolled" and "reason" not in withdrawn


def test_withdrawing_from_the_waitlist_promotes_nobody_and_closes_the_line(world):
    cohort = world.cohort(capacity=1)
    world.enrol(cohort["id"], world.beneficiary())
    second, third = (world.enrol(cohort["id"], world.beneficiary()).json for _ in range(2))
    world.client.post(f"/enrolments/{second['id']}/withdrawal", json={"reason": "moved"},
                      headers=world.as_("admin"))
    shown = world.client.get(f"/enrolments/{third['id']}", headers=world.as_("caseworker")).json
    assert (shown["status"], shown["position"]) == ("waitlisted", 1)
    assert world.events("training.enrolment.promoted") == []


def test_the_same_enrolment_sent_twice_is_one_enrolment(world):
    cohort, someone = world.cohort(), world.beneficiary()
    first = world.enrol(cohort["id"], someone)
    again = world.enrol(cohort["id"], someone)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["id"] == first.json["id"]
    assert len(world.events("training.enrolment.created")) == 1


def test_withdrawing_twice_is_withdrawing_once(world):
    cohort = world.cohort()
    placed = world.enrol(cohort["id"], world.beneficiary()).json
    for _ in range(2):
        answer = world.client.post(f"/enrolments/{placed['id']}/withdrawal", json={"reason": "ill"},
                                   headers=world.as_("admin"))
        assert answer.status_code == 200
    assert len(world.events("training.enrolment.withdrawn")) == 1


def test_no_enrolment_in_two_cohorts_whose_sessions_overlap(world):
    morning = world.cohort()
    also_morning = world.cohort(sessions=[{"date": "2027-03-02", "start": "12:00", "end": "14:00"}])
    afternoon = world.cohort(sessions=[{"date": "2027-03-02", "start": "13:00", "end": "15:00"}])
    someone = world.beneficiary()
    world.enrol(morning["id"], someone)
    clash = world.enrol(also_morning["id"], someone)
    assert clash.status_code == 409
    assert clash.json["errors"] == {"overlapping_cohorts": [morning["id"]]}
    assert world.enrol(afternoon["id"], someone).status_code == 201  # 13:00 follows 13:00


def test_a_waitlisted_place_counts_for_overlap_too(world):
    full = world.cohort(capacity=1)
    world.enrol(full["id"], world.beneficiary())
    someone = world.beneficiary()
    assert world.enrol(full["id"], someone).json["status"] == "waitlisted"
    assert world.enrol(world.cohort()["id"], someone).status_code == 409


def test_a_planned_cohort_takes_no_enrolments(world):
    answer = world.enrol(world.cohort(status="planned")["id"], world.beneficiary())
    assert answer.status_code == 409
    assert "planned" in answer.json["message"]


def test_capacity_below_those_enrolled_is_refused_naming_capacity(world):
    cohort = world.cohort(capacity=3)
    for _ in range(3):
        world.enrol(cohort["id"], world.beneficiary())
    answer = world.client.patch(f"/cohorts/{cohort['id']}", json={"capacity": 2},
                                headers=world.as_("admin"))
    assert answer.status_code == 422
    assert list(answer.json["errors"]["json"]) == ["capacity"]
    assert world.client.get(f"/cohorts/{cohort['id']}", headers=world.as_("admin")).json["capacity"] == 3


def test_a_capacity_that_grows_gives_seats_to_the_first_in_line(world):
    cohort = world.cohort(capacity=1)
    placed = [world.enrol(cohort["id"], world.beneficiary()).json for _ in range(4)]
    answer = world.client.patch(f"/cohorts/{cohort['id']}", json={"capacity": 3},
                                headers=world.as_("admin"))
    assert (answer.json["enrolled"], answer.json["waitlisted"]) == (3, 1)
    promoted = [e["enrolment_id"] for e in world.events("training.enrolment.promoted")]
    assert promoted == [placed[1]["id"], placed[2]["id"]]


def test_a_cancellation_tells_everyone_enrolled_or_waitlisted(world):
    cohort = world.cohort(capacity=1)
    seated, waiting = world.beneficiary(), world.beneficiary()
    world.enrol(cohort["id"], seated)
    world.enrol(cohort["id"], waiting)
    answer = world.client.post(f"/cohorts/{cohort['id']}/cancellation",
                               json={"reason": "the venue flooded"}, headers=world.as_("admin"))
    assert answer.status_code == 200
    assert (answer.json["status"], answer.json["cancellation_reason"]) == ("cancelled", "the venue flooded")
    [cancelled] = world.events("training.cohort.cancelled")
    assert {(a["beneficiary_id"], a["status"]) for a in cancelled["affected"]} == {
        (seated, "enrolled"), (waiting, "waitlisted")}
    assert "reason" not in cancelled
    statuses = {e["status"] for e in world.client.get(f"/cohorts/{cohort['id']}/enrolments",
                                                      headers=world.as_("admin")).json}
    assert statuses == {"cancelled"}


def test_a_finished_cohort_cannot_be_cancelled(world):
    cohort = world.cohort(status="finished")
    answer = world.client.post(f"/cohorts/{cohort['id']}/cancellation", json={"reason": "late"},
                               headers=world.as_("admin"))
    assert answer.status_code == 409


def test_a_trainer_enrols_only_into_their_own_cohorts(world):
    theirs = world.cohort(trainers=["trainer-2"])
    answer = world.enrol(theirs["id"], world.beneficiary(), "trainer", user="trainer-1")
    assert answer.status_code == 403


def test_a_caseworker_sees_a_beneficiarys_enrolments_and_a_trainer_only_their_own(world):
    someone = world.beneficiary()
    mine = world.cohort(trainers=["trainer-1"])
    theirs = world.cohort(trainers=["trainer-2"], sessions=[
        {"date": "2027-03-02", "start": "15:00", "end": "16:00"}])
    world.enrol(mine["id"], someone)
    world.enrol(theirs["id"], someone)
    path = f"/beneficiaries/{someone}/enrolments"
    assert len(world.client.get(path, headers=world.as_("caseworker")).json) == 2
    trainer_view = world.client.get(path, headers=world.as_("trainer", user="trainer-1")).json
    assert [e["cohort_id"] for e in trainer_view] == [mine["id"]]
    assert world.client.get(path, headers=world.as_("me_officer")).status_code == 403
