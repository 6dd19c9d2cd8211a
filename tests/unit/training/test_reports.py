"""``GET /reports/training``: for M&E and admin only, small counts suppressed, JSON or CSV."""

from __future__ import annotations

import csv
import io

import pytest

from shared.clock import utcnow


@pytest.fixture
def placed(world):
    """Six women in Lviv oblast and two men in Kyiv oblast enrolled; one of them completed."""
    lviv = world.cohort(oblast="UA-46", capacity=10)
    kyiv = world.cohort(oblast="UA-32", sessions=[{"date": "2027-03-02", "start": "18:00", "end": "19:00"}])
    for _ in range(6):
        world.enrol(lviv["id"], world.beneficiary(sex="Feminine", region="UA-46"))
    for _ in range(2):
        world.enrol(kyiv["id"], world.beneficiary(sex="Masculine", region="UA-32"))
    return lviv, kyiv


def period() -> str:
    today = utcnow().date().isoformat()
    return f"start={today}&end={today}"


def test_me_officers_see_counts_by_dimension_with_small_ones_suppressed(world, placed):
    answer = world.client.get(f"/reports/training?{period()}", headers=world.as_("me_officer"))
    assert answer.status_code == 200, answer.json
    assert answer.json["total"]["enrolled"] == 8
    oblasts = {line["value"]: line for line in answer.json["dimensions"]["oblast"]}
    # Kyiv's 2 is suppressed, and Lviv's 6 as its complement (the total would give 2 back).
    assert oblasts["UA-46"]["enrolled"] is None and oblasts["UA-32"]["enrolled"] is None
    assert set(answer.json["dimensions"]) == {"course", "category", "oblast", "sex", "age_band"}


def test_the_report_holds_no_id_of_anyone(world, placed):
    lviv, _ = placed
    answer = world.client.get(f"/reports/training?{period()}", headers=world.as_("me_officer"))
    ids = [e["beneficiary_id"] for e in world.client.get(f"/cohorts/{lviv['id']}/enrolments",
                                                         headers=world.as_("admin")).json]
    assert not any(beneficiary_id in answer.text for beneficiary_id in ids)


def test_the_report_comes_as_csv_too(world, placed):
    answer = world.client.get(f"/reports/training?{period()}&format=csv", headers=world.as_("admin"))
    assert answer.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert rows[0]["dimension"] == "total" and rows[0]["enrolled"] == "8"
    assert {r["enrolled"] for r in rows if r["dimension"] == "oblast"} == {"suppressed"}


def test_placements_outside_the_period_are_not_counted(world, placed):
    answer = world.client.get("/reports/training?start=2020-01-01&end=2020-12-31",
                              headers=world.as_("me_officer"))
    assert answer.json["total"]["enrolled"] == 0


def test_a_period_that_ends_before_it_starts_is_refused_naming_end(world):
    answer = world.client.get("/reports/training?start=2027-02-01&end=2027-01-01",
                              headers=world.as_("me_officer"))
    assert answer.status_code == 422
    assert list(answer.json["errors"]["query"]) == ["end"]


def test_trainers_and_caseworkers_do_not_read_the_report(world):
    for role in ("trainer", "caseworker"):
        assert world.client.get(f"/reports/training?{period()}", headers=world.as_(role)).status_code == 403


def test_an_oblast_narrows_the_report_to_cohorts_held_there(world, placed):
    answer = world.client.get(f"/reports/training?{period()}&oblast=UA-46", headers=world.as_("me_officer"))

    assert answer.status_code == 200, answer.json
    assert answer.json["oblast"] == "UA-46" and answer.json["total"]["enrolled"] == 6
    # Lviv's six stand alone now: nothing to hide them for.
    oblasts = answer.json["dimensions"]["oblast"]
    assert [(line["value"], line["enrolled"]) for line in oblasts] == [("UA-46", 6)]


def test_small_counts_stay_suppressed_within_an_oblast(world, placed):
    answer = world.client.get(f"/reports/training?{period()}&oblast=UA-32", headers=world.as_("me_officer"))

    assert answer.json["total"]["enrolled"] is None and "enrolled" in answer.json["total"]["suppressed"]
    assert {line["enrolled"] for line in answer.json["dimensions"]["sex"]} == {None}


def test_the_csv_of_one_oblast_counts_that_oblast_only(world, placed):
    answer = world.client.get(f"/reports/training?{period()}&oblast=UA-46&format=csv",
                              headers=world.as_("me_officer"))

    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert rows[0]["enrolled"] == "6"
    assert [(r["value"], r["enrolled"]) for r in rows if r["dimension"] == "oblast"] == [("UA-46", "6")]


@pytest.mark.parametrize("oblast", ["UA-99", "Lviv", "46"])
def test_an_oblast_that_is_no_iso_3166_2_code_is_refused_naming_the_parameter(world, oblast):
    answer = world.client.get(f"/reports/training?{period()}&oblast={oblast}",
                              headers=world.as_("me_officer"))

    assert answer.status_code == 422
    assert answer.json["errors"]["query"]["oblast"] == [
        "Must be an ISO 3166-2 subdivision code, such as UA-46."]


def test_the_openapi_document_describes_the_oblast_filter(world):
    operation = world.client.get("/openapi.json").json["paths"]["/reports/training"]["get"]

    [oblast] = [p for p in operation["parameters"] if p["name"] == "oblast"]
    assert oblast["in"] == "query" and "ISO 3166-2" in oblast["description"]
