"""Bad input is a 422 naming the field, and nothing is half-written."""

from __future__ import annotations

import pytest

from tests.support.training import cohort_body


@pytest.fixture
def course(world):
    return world.course()


def refused(world, body) -> dict:
    answer = world.client.post("/cohorts", json=body, headers=world.as_("admin"))
    assert answer.status_code == 422, answer.json
    assert world.client.get("/cohorts", headers=world.as_("admin")).json == []  # nothing written
    assert world.events("training.cohort.scheduled") == []
    return answer.json["errors"]["json"]


def test_dates_out_of_order_are_refused_naming_ends_on(world, course):
    errors = refused(world, cohort_body(course["id"], ends_on="2027-02-01"))
    assert "ends_on" in errors


def test_a_session_outside_its_cohort_is_refused_naming_the_session(world, course):
    body = cohort_body(course["id"], count=2)
    body["sessions"][1]["date"] = "2027-04-01"
    assert refused(world, body) == {
        "sessions.1.date": ["Outside the cohort's dates (2027-03-01 to 2027-03-02)."]}


def test_a_session_ending_before_it_starts_is_refused_naming_its_end(world, course):
    body = cohort_body(course["id"], count=1)
    body["sessions"][0].update(start="14:00", end="12:00")
    assert list(refused(world, body)) == ["sessions.0.end"]


def test_two_sessions_of_one_cohort_at_once_are_refused(world, course):
    body = cohort_body(course["id"], count=1)
    body["sessions"].append({"date": "2027-03-01", "start": "12:00", "end": "15:00"})
    assert list(refused(world, body)) == ["sessions.1"]


def test_an_unknown_time_zone_is_refused_naming_it(world, course):
    body = cohort_body(course["id"], count=1, time_zone="Europe/Atlantis")
    assert list(refused(world, body)) == ["sessions.0.time_zone"]


def test_a_cohort_not_online_needs_a_venue(world, course):
    assert list(refused(world, cohort_body(course["id"], venue=None))) == ["venue"]


def test_an_unknown_course_is_refused_naming_course_id(world):
    assert list(refused(world, cohort_body("7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9"))) == ["course_id"]


def test_a_malformed_time_names_the_session_field(world, course):
    body = cohort_body(course["id"], count=1)
    body["sessions"][0]["start"] = "25:99"
    assert refused(world, body) == {"sessions": {"0": {"start": ["Not a valid time."]}}}


def test_a_capacity_of_none_is_refused(world, course):
    assert list(refused(world, cohort_body(course["id"], capacity=0))) == ["capacity"]


def test_a_bad_change_leaves_the_cohort_as_it_was(world):
    cohort = world.cohort(status="planned")
    answer = world.client.patch(f"/cohorts/{cohort['id']}", json={"starts_on": "2027-03-03"},
                                headers=world.as_("admin"))
    assert answer.status_code == 422
    assert set(answer.json["errors"]["json"]) == {"sessions.0.date", "sessions.1.date"}
    again = world.client.get(f"/cohorts/{cohort['id']}", headers=world.as_("admin")).json
    assert again["starts_on"] == cohort["starts_on"]
    assert len(world.events("training.cohort.scheduled")) == 1


def test_an_enrolment_without_a_beneficiary_names_the_field(world):
    answer = world.client.post(f"/cohorts/{world.cohort()['id']}/enrolments", json={},
                               headers=world.as_("admin"))
    assert answer.status_code == 422
    assert list(answer.json["errors"]["json"]) == ["beneficiary_id"]


def test_an_unknown_mark_names_the_field(world):
    cohort = world.cohort(status="running")
    answer = world.client.put(f"/cohorts/{cohort['id']}/sessions/{cohort['sessions'][0]['id']}/attendance",
                              json={"marks": [{"enrolment_id": cohort["id"], "mark": "late"}]},
                              headers=world.as_("admin"))
    assert answer.status_code == 422
    assert answer.json["errors"]["json"] == {"marks": {"0": {"mark": ["Must be one of: present, absent, "
                                                                      "excused."]}}}
