"""Cohorts: the schedule in local time kept as UTC, the allowed status transitions, the
calendar export, and the announcement of the schedule."""

from __future__ import annotations

from icalendar import Calendar

from tests.support.training import cohort_body


def test_session_times_are_read_in_kyiv_time_and_kept_in_utc(world):
    cohort = world.cohort(status="planned")
    first = cohort["sessions"][0]
    assert (first["date"], first["start"], first["time_zone"]) == ("2027-03-01", "10:00:00", "Europe/Kyiv")
    assert first["starts_at"] == "2027-03-01T08:00:00+00:00"  # UTC+2 in winter


def test_summer_time_is_taken_into_account(world):
    course = world.course()
    body = cohort_body(course["id"], starts_on="2027-07-01", ends_on="2027-07-01",
                       sessions=[{"date": "2027-07-01", "start": "10:00", "end": "12:00"}])
    answer = world.client.post("/cohorts", json=body, headers=world.as_("admin"))
    assert answer.json["sessions"][0]["starts_at"] == "2027-07-01T07:00:00+00:00"  # UTC+3


def test_a_cohort_starts_planned_and_moves_only_along_allowed_transitions(world):
    cohort = world.cohort(status="planned")
    assert cohort["status"] == "planned"
    skipped = world.client.patch(f"/cohorts/{cohort['id']}", json={"status": "finished"},
                                 headers=world.as_("admin"))
    assert skipped.status_code == 409
    assert skipped.json["errors"]["status"] == {"current": "planned", "allowed": ["open"]}
    assert world.move(cohort["id"], "finished")["status"] == "finished"
    reopened = world.client.patch(f"/cohorts/{cohort['id']}", json={"status": "open"},
                                  headers=world.as_("admin"))
    assert reopened.status_code == 409


def test_cancelling_by_a_status_change_is_refused_in_favour_of_the_cancellation(world):
    cohort = world.cohort()
    answer = world.client.patch(f"/cohorts/{cohort['id']}", json={"status": "cancelled"},
                                headers=world.as_("admin"))
    assert answer.status_code == 409
    assert "/cancellation" in answer.json["message"]


def test_a_cohort_is_announced_with_its_sessions_when_created(world):
    cohort = world.cohort(status="planned")
    [scheduled] = world.events("training.cohort.scheduled")
    assert scheduled["cohort_id"] == cohort["id"]
    assert scheduled["course_category"] == "business_skills"
    assert [s["session_id"] for s in scheduled["sessions"]] == [s["id"] for s in cohort["sessions"]]
    assert scheduled["sessions"][0]["starts_at"] == "2027-03-01T08:00:00+00:00"


def test_the_schedule_exports_as_a_calendar_at_local_times(world):
    cohort = world.cohort(status="planned")
    answer = world.client.get(f"/cohorts/{cohort['id']}/sessions.ics", headers=world.as_("trainer",
                                                                                        user="trainer-1"))
    assert answer.status_code == 200
    assert answer.mimetype == "text/calendar"
    calendar = Calendar.from_ical(answer.data)
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    start = events[0].decoded("dtstart")
    assert (start.hour, str(start.tzinfo)) == (10, "Europe/Kyiv")
    assert events[0]["location"] == "Community centre, 5 Franka St"
    assert calendar.walk("VTIMEZONE")  # any calendar can place the local times


def test_a_trainer_sees_and_changes_only_their_own_cohorts(world):
    mine = world.cohort(trainers=["trainer-1"])
    theirs = world.cohort(trainers=["trainer-2"])
    me = world.as_("trainer", user="trainer-1")
    assert [c["id"] for c in world.client.get("/cohorts", headers=me).json] == [mine["id"]]
    assert world.client.get(f"/cohorts/{theirs['id']}", headers=me).status_code == 403
    assert world.client.patch(f"/cohorts/{theirs['id']}", json={"capacity": 30},
                              headers=me).status_code == 403
    assert world.client.patch(f"/cohorts/{mine['id']}", json={"capacity": 30},
                              headers=me).json["capacity"] == 30


def test_a_trainer_creates_only_a_cohort_they_teach(world):
    course = world.course()
    answer = world.client.post("/cohorts", json=cohort_body(course["id"], trainers=["trainer-2"]),
                               headers=world.as_("trainer", user="trainer-1"))
    assert answer.status_code == 422
    assert list(answer.json["errors"]["json"]) == ["trainers"]


def test_the_schedule_of_a_running_cohort_cannot_change(world):
    cohort = world.cohort(status="running")
    answer = world.client.patch(f"/cohorts/{cohort['id']}", json={"ends_on": "2027-03-20"},
                                headers=world.as_("admin"))
    assert answer.status_code == 409
    assert answer.json["errors"] == {"fields": ["ends_on"]}


def test_a_change_of_schedule_is_announced_again(world):
    cohort = world.cohort(status="planned")
    answer = world.client.patch(f"/cohorts/{cohort['id']}", json={
        "sessions": [{"date": "2027-03-02", "start": "09:00", "end": "12:00"}]},
        headers=world.as_("admin"))
    assert answer.status_code == 200, answer.json
    latest = world.events("training.cohort.scheduled")[-1]
    assert [s["starts_at"] for s in latest["sessions"]] == ["2027-03-02T07:00:00+00:00"]
