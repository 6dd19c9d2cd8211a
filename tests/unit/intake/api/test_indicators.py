"""``GET /reports/indicators``: counts by dimension for M&E officers, small cells
suppressed, read from anonymous columns without access to anyone's record."""

from __future__ import annotations

from datetime import timedelta

from shared.clock import utcnow
from tests.support.registrations import AGE_BAND, GENDER, REGION, registration

TODAY = utcnow().date()
THIS_WEEK = {"start": (TODAY - timedelta(days=3)).isoformat(),
             "end": (TODAY + timedelta(days=3)).isoformat()}


def cells(report: dict, dimension: str) -> dict:
    return {cell["value"]: cell["count"] for cell in report["dimensions"][dimension]}


def six_registered(register) -> list[dict]:
    bodies = [registration(nrm={"status": "applied"}) for _ in range(2)] + \
             [registration(region="UA-32")] + [registration() for _ in range(3)]
    return [register(body) for body in bodies]


def test_counts_of_five_or_more_are_shown_and_smaller_cells_suppressed(client, bearer, register):
    six_registered(register)

    response = client.get("/reports/indicators", query_string=THIS_WEEK,
                          headers=bearer("me_officer"))

    assert response.status_code == 200
    report = response.get_json()
    assert report["total"] == {"value": "total", "count": 6, "suppressed": False}
    assert cells(report, "sex") == {GENDER: 6}
    assert cells(report, "age_band") == {AGE_BAND: 6}
    # 5 and 1: the 1 is combined and still small, so suppressed, and the 5 with it, or
    # the total would give the 1 back.
    assert cells(report, "region") == {REGION: None, "other_or_not_stated": None}
    assert report["disclosure_control"]["region"] == ["combined", "suppressed", "complementary"]
    # 2 applied and 4 unknown: combined, they make a cell of 6 that hides no one.
    assert cells(report, "nrm_status") == {"other_or_not_stated": 6}
    assert report["disclosure_control"]["nrm_status"] == ["combined"]
    assert report["disclosure_control"]["sex"] == []


def test_the_report_names_nobody(client, bearer, register):
    bodies = [registration() for _ in range(6)]
    for body in bodies:
        register(body)

    text = client.get("/reports/indicators", query_string=THIS_WEEK,
                      headers=bearer("me_officer")).get_data(as_text=True)

    for body in bodies:
        assert body["person"]["first_name"] not in text
        assert body["person"]["mobile_phone"] not in text


def test_registrations_outside_the_period_are_not_counted(client, bearer, register):
    six_registered(register)
    last_year = {"start": (TODAY - timedelta(days=400)).isoformat(),
                 "end": (TODAY - timedelta(days=35)).isoformat()}

    report = client.get("/reports/indicators", query_string=last_year,
                        headers=bearer("me_officer")).get_json()

    assert report["total"] == {"value": "total", "count": 0, "suppressed": False}
    assert all(cells == [] for cells in report["dimensions"].values())


def test_without_dates_the_report_covers_the_whole_programme_to_date(client, bearer, register,
                                                                   monkeypatch):
    a_year_ago = utcnow() - timedelta(days=365)
    monkeypatch.setattr("services.intake.usecases.registration.utcnow", lambda: a_year_ago)
    six_registered(register)
    monkeypatch.undo()
    six_registered(register)

    response = client.get("/reports/indicators", headers=bearer("me_officer"))

    assert response.status_code == 200
    report = response.get_json()
    assert (report["start"], report["end"]) == (a_year_ago.date().isoformat(), TODAY.isoformat())
    assert report["total"]["count"] == 12


def test_without_an_end_the_report_runs_to_today(client, bearer, register):
    six_registered(register)

    report = client.get("/reports/indicators", query_string={"start": THIS_WEEK["start"]},
                        headers=bearer("me_officer")).get_json()

    assert (report["end"], report["total"]["count"]) == (TODAY.isoformat(), 6)


def test_without_dates_and_nobody_registered_the_report_is_of_today_and_empty(client, bearer):
    report = client.get("/reports/indicators", headers=bearer("me_officer")).get_json()

    assert report["start"] == report["end"] == TODAY.isoformat()
    assert report["total"] == {"value": "total", "count": 0, "suppressed": False}


def test_a_start_after_today_without_an_end_is_refused(client, bearer):
    response = client.get("/reports/indicators", headers=bearer("me_officer"),
                          query_string={"start": (TODAY + timedelta(days=2)).isoformat()})

    assert response.status_code == 422
    assert "start" in response.get_json()["errors"]["query"]


def test_a_period_ending_before_it_starts_is_refused(client, bearer):
    response = client.get("/reports/indicators", headers=bearer("admin"),
                          query_string={"start": "2026-03-01", "end": "2026-02-01"})

    assert response.status_code == 422
    assert "end" in response.get_json()["errors"]["query"]


def test_a_me_officer_reads_the_counts_but_not_a_beneficiarys_record(client, bearer, register):
    someone = register(registration())

    assert client.get("/reports/indicators", query_string=THIS_WEEK,
                      headers=bearer("me_officer")).status_code == 200
    assert client.get(f"/beneficiaries/{someone['id']}?reason=donor+report",
                      headers=bearer("me_officer")).status_code == 403


def test_caseworkers_and_trainers_do_not_read_the_indicators(client, bearer):
    for role in ("caseworker", "trainer"):
        response = client.get("/reports/indicators", query_string=THIS_WEEK, headers=bearer(role))
        assert response.status_code == 403


def test_an_oblast_narrows_the_count_to_the_people_of_that_region(client, bearer, register):
    for _ in range(5):
        register(registration(region="UA-32"))
    six_registered(register)  # five in UA-46 and one more in UA-32

    kyiv_oblast = client.get("/reports/indicators", query_string={**THIS_WEEK, "oblast": "ua-32"},
                             headers=bearer("me_officer")).get_json()
    lviv_oblast = client.get("/reports/indicators", query_string={**THIS_WEEK, "oblast": "UA-46"},
                             headers=bearer("me_officer")).get_json()

    assert kyiv_oblast["oblast"] == "UA-32" and kyiv_oblast["total"]["count"] == 6
    assert cells(kyiv_oblast, "region") == {"UA-32": 6}
    assert lviv_oblast["total"]["count"] == 5 and cells(lviv_oblast, "region") == {REGION: 5}
    # Suppression applies within the oblast: 2 of Lviv's five applied for NRM status.
    assert cells(lviv_oblast, "nrm_status") == {"other_or_not_stated": 5}


def test_small_counts_stay_suppressed_within_an_oblast(client, bearer, register):
    six_registered(register)  # one alone in UA-32

    report = client.get("/reports/indicators", query_string={**THIS_WEEK, "oblast": "UA-32"},
                        headers=bearer("me_officer")).get_json()

    assert report["total"] == {"value": "total", "count": None, "suppressed": True}
    assert all(cell["count"] is None for cells_ in report["dimensions"].values() for cell in cells_)


def test_an_oblast_that_is_no_iso_3166_2_code_is_refused_naming_the_parameter(client, bearer):
    for oblast in ("UA-99", "Lviv", "UA-46; drop table"):
        response = client.get("/reports/indicators", query_string={"oblast": oblast},
                              headers=bearer("me_officer"))

        assert response.status_code == 422
        assert response.get_json()["errors"]["query"]["oblast"] == [
            "Must be an ISO 3166-2 subdivision code, such as UA-46."]


def test_the_openapi_document_describes_the_oblast_filter(client):
    parameters = client.get("/openapi.json").get_json()["paths"]["/reports/indicators"]["get"]["parameters"]

    [oblast] = [p for p in parameters if p["name"] == "oblast"]
    assert oblast["in"] == "query" and "ISO 3166-2" in oblast["description"]
