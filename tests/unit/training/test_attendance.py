"""Attendance: a whole session at once by one of its trainers; corrections kept with who
and when; one alert after consecutive absences."""

from __future__ import annotations

import pytest


@pytest.fixture
def running(world):
    """A running cohort of four sessions with two enrolled."""
    cohort = world.cohort(status="open", trainers=["trainer-1"])
    placed = [world.enrol(cohort["id"], world.beneficiary()).json for _ in range(2)]
    world.move(cohort["id"], "running")
    return cohort, placed


def mark(world, cohort, n, marks, user="trainer-1", roles=("trainer",)):
    session_id = cohort["sessions"][n]["id"]
    return world.client.put(f"/cohorts/{cohort['id']}/sessions/{session_id}/attendance",
                            json={"marks": [{"enrolment_id": e, "mark": m} for e, m in marks]},
                            headers=world.as_(*roles, user=user))


def test_a_trainer_marks_the_whole_session(world, running):
    cohort, (first, second) = running
    answer = mark(world, cohort, 0, [(first["id"], "present"), (second["id"], "excused")])
    assert answer.status_code == 200
    assert {(m["enrolment_id"], m["mark"], m["marked_by"]) for m in answer.json["marks"]} == {
        (first["id"], "present", "trainer-1"), (second["id"], "excused", "trainer-1")}


def test_a_sheet_leaving_someone_out_is_refused_whole(world, running):
    cohort, (first, second) = running
    answer = mark(world, cohort, 0, [(first["id"], "present")])
    assert answer.status_code == 422
    assert second["id"] in answer.json["errors"]["json"]["marks"][0]
    shown = world.client.get(f"/cohorts/{cohort['id']}/sessions/{cohort['sessions'][0]['id']}/attendance",
                             headers=world.as_("admin"))
    assert shown.json["marks"] == []  # nothing half-written


def test_attendance_for_someone_not_enrolled_is_refused_naming_the_field(world, running):
    cohort, (first, second) = running
    elsewhere = world.enrol(world.cohort(sessions=[{"date": "2027-03-02", "start": "18:00",
                                                    "end": "19:00"}])["id"], world.beneficiary()).json
    answer = mark(world, cohort, 0, [(first["id"], "present"), (second["id"], "present"),
                                     (elsewhere["id"], "present")])
    assert answer.status_code == 422
    assert answer.json["errors"]["json"] == {"marks.2.enrolment_id": ["Not enrolled in this cohort."]}


def test_only_the_cohorts_own_trainers_mark_it(world, running):
    cohort, (first, second) = running
    answer = mark(world, cohort, 0, [(first["id"], "present"), (second["id"], "present")],
                  user="trainer-2")
    assert answer.status_code == 403


def test_a_correction_is_recorded_with_who_and_when(world, running):
    cohort, (first, second) = running
    mark(world, cohort, 0, [(first["id"], "absent"), (second["id"], "present")])
    answer = mark(world, cohort, 0, [(first["id"], "excused"), (second["id"], "present")],
                  user="admin-1", roles=("admin",))
    assert answer.status_code == 200
    [correction] = answer.json["corrections"]
    assert (correction["enrolment_id"], correction["previous_mark"], correction["mark"],
            correction["corrected_by"]) == (first["id"], "absent", "excused", "admin-1")
    assert correction["corrected_at"]


def test_two_absences_in_a_row_raise_one_alert(world, running):
    cohort, (first, second) = running
    for n in range(3):
        mark(world, cohort, n, [(first["id"], "absent"), (second["id"], "present")])
    [alert] = world.events("training.attendance.absence_alert")
    assert (alert["enrolment_id"], alert["consecutive_absences"]) == (first["id"], 2)
    assert alert["last_session_id"] == cohort["sessions"][1]["id"]


def test_sending_the_same_sheet_again_raises_no_second_alert(world, running):
    cohort, (first, second) = running
    for n in (0, 1, 1):
        mark(world, cohort, n, [(first["id"], "absent"), (second["id"], "present")])
    assert len(world.events("training.attendance.absence_alert")) == 1


def test_a_planned_cohort_takes_no_attendance(world):
    cohort = world.cohort(status="open")
    placed = world.enrol(cohort["id"], world.beneficiary()).json
    answer = mark(world, cohort, 0, [(placed["id"], "present")], roles=("admin",))
    assert answer.status_code == 409


def test_a_session_of_another_cohort_is_not_found(world, running):
    cohort, (first, second) = running
    other = world.cohort(status="planned")
    answer = world.client.put(f"/cohorts/{cohort['id']}/sessions/{other['sessions'][0]['id']}/attendance",
                              json={"marks": []}, headers=world.as_("admin"))
    assert answer.status_code == 404
