"""On PostgreSQL: a cohort's capacity holds however many ask at once, the waitlist keeps
arrival order (the order requests got the cohort's lock), and withdrawals promote the
first in line."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from shared.db import Database
from tests.support.training import TrainingWorld

pytestmark = pytest.mark.integration

ASKING, CAPACITY, WITHDRAWING = 50, 20, 5


@pytest.fixture
def world(platform):
    app = platform.client("training").application
    db = Database(platform.settings("training").database_url)
    yield TrainingWorld(app.test_client(), platform.token, db)
    db.dispose()


def all_at_once(count: int, request) -> list:
    """``request(n)`` from ``count`` threads released together; the answers in n order."""
    ready = threading.Barrier(count)

    def run(n):
        ready.wait()
        return request(n)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def test_fifty_at_once_into_twenty_seats_give_twenty_enrolled_and_thirty_in_arrival_order(world):
    cohort = world.cohort(capacity=CAPACITY)
    people = [world.beneficiary() for _ in range(ASKING)]
    answers = all_at_once(ASKING, lambda n: world.enrol(cohort["id"], people[n]))

    assert {a.status_code for a in answers} == {201}
    by_status = {}
    for answer in answers:
        by_status.setdefault(answer.json["status"], []).append(answer.json)
    assert (len(by_status["enrolled"]), len(by_status["waitlisted"])) == (CAPACITY, ASKING - CAPACITY)
    line = world.client.get(f"/cohorts/{cohort['id']}/enrolments", headers=world.as_("admin")).json
    assert [e["status"] for e in line] == ["enrolled"] * CAPACITY + ["waitlisted"] * (ASKING - CAPACITY)
    # Each waitlisted answer gave the position its arrival earned, and the line keeps it.
    told = {a["id"]: a["position"] for a in by_status["waitlisted"]}
    assert [told[e["id"]] for e in line[CAPACITY:]] == list(range(1, ASKING - CAPACITY + 1))
    assert [e["position"] for e in line[CAPACITY:]] == list(range(1, ASKING - CAPACITY + 1))

    seated = [e["id"] for e in line[:CAPACITY]]
    leaving = all_at_once(WITHDRAWING, lambda n: world.client.post(
        f"/enrolments/{seated[n]}/withdrawal", json={"reason": "found work"},
        headers=world.as_("admin")))
    assert {a.status_code for a in leaving} == {200}

    after = {e["id"]: e for e in world.client.get(f"/cohorts/{cohort['id']}/enrolments",
                                                  headers=world.as_("admin")).json}
    first_in_line = [e["id"] for e in line[CAPACITY:CAPACITY + WITHDRAWING]]
    assert all(after[e]["status"] == "enrolled" for e in first_in_line)
    assert sum(e["status"] == "enrolled" for e in after.values()) == CAPACITY
    still_waiting = [after[e["id"]]["position"] for e in line[CAPACITY + WITHDRAWING:]]
    assert still_waiting == list(range(1, ASKING - CAPACITY - WITHDRAWING + 1))
    promoted = [e["enrolment_id"] for e in world.events("training.enrolment.promoted")]
    assert sorted(promoted) == sorted(first_in_line)


def test_the_same_person_sent_twenty_times_at_once_is_one_enrolment(world):
    cohort, someone = world.cohort(capacity=CAPACITY), world.beneficiary()
    answers = all_at_once(20, lambda n: world.enrol(cohort["id"], someone))
    assert len({a.json["id"] for a in answers}) == 1
    assert sorted(a.status_code for a in answers) == [200] * 19 + [201]
    assert len(world.events("training.enrolment.created")) == 1


def test_one_person_sent_to_two_overlapping_cohorts_at_once_gets_one_place(world):
    first, second = world.cohort(), world.cohort()
    someone = world.beneficiary()
    answers = all_at_once(2, lambda n: world.enrol((first, second)[n]["id"], someone))
    assert sorted(a.status_code for a in answers) == [201, 409]
