"""The M&E officer's reports page: the oblast filter offered by name, passed to every
report that counts by place (and to their CSV downloads), and a refused oblast shown
beside its field."""

from __future__ import annotations

import csv
import io

from services.portal.adapters.http import ApiError, Download
from tests.unit.portal.conftest import csrf, sign_in

PERIOD = {"start": "2027-01-01", "end": "2027-03-31"}
INDICATORS = {"start": "2027-01-01", "end": "2027-03-31", "oblast": "UA-46", "threshold": 5,
              "total": {"value": "total", "count": 7, "suppressed": False},
              "dimensions": {"region": [{"value": "UA-46", "count": 7, "suppressed": False}],
                             "sex": [{"value": "Feminine", "count": None, "suppressed": True}]}}
TRAINING = {"start": "2027-01-01", "end": "2027-03-31", "oblast": "UA-46", "threshold": 5,
            "total": {"value": "total", "enrolled": 11, "completed": 6},
            "dimensions": {"oblast": [{"value": "UA-46", "enrolled": 11, "completed": 6,
                                       "completion_rate": 0.55, "attendance_rate": 0.9}]}}
GRANTS = {"programme_id": None, "oblast": "UA-46", "grants": {"value": "total", "count": 9},
          "dimensions": {"oblast": [{"value": "UA-46", "count": 9, "suppressed": False}]}}


def answering(fake):
    fake.answers.update(indicators=INDICATORS, report=TRAINING, grants_report=GRANTS,
                        budget={"envelopes": []})


def calls(fake, name):
    return [(args, kwargs) for called, args, kwargs in fake.calls if called == name]


def test_the_oblast_chosen_is_passed_to_each_report_that_counts_by_place(client, passwords, fake):
    answering(fake)
    sign_in(client, passwords, "me-officer")

    page = client.get("/reports", query_string={**PERIOD, "oblast": "UA-46"})

    assert page.status_code == 200
    assert calls(fake, "indicators") == [(("2027-01-01", "2027-03-31", "UA-46"), {})]
    assert calls(fake, "report") == [(("2027-01-01", "2027-03-31", "UA-46"), {})]
    assert calls(fake, "grants_report") == [(("UA-46",), {})]
    assert calls(fake, "budget") == [((), {})]  # an envelope's burn is not by oblast
    assert '<option value="UA-46" selected>Львівська область (UA-46)</option>' in page.text
    assert 'data-figure="registered">7<' in page.text and 'data-figure="grants">9<' in page.text
    assert "oblast=UA-46" in page.text.split('id="indicators"')[1].split("</p>")[0]


def test_without_an_oblast_every_oblast_is_counted_and_all_are_offered_by_name(client, passwords, fake):
    answering(fake)
    sign_in(client, passwords, "me-officer")
    client.post("/language", data={"csrf_token": csrf(client), "lang": "en", "next": "/"})

    page = client.get("/reports", query_string=PERIOD).text

    assert calls(fake, "indicators") == [(("2027-01-01", "2027-03-31", None), {})]
    assert calls(fake, "grants_report") == [((None,), {})]
    assert '<option value="">All</option>' in page
    assert page.count("<option value=\"UA-") == 27 and "Lvivska oblast (UA-46)" in page


def test_an_oblast_a_service_refuses_is_shown_beside_the_oblast_field(client, passwords, fake):
    answering(fake)
    # As the client gives intake's answer: the fields' errors without their location.
    fake.answers["indicators"] = ApiError(422, "Unprocessable", {
        "oblast": ["Must be an ISO 3166-2 subdivision code, such as UA-46."]})
    sign_in(client, passwords, "me-officer")

    page = client.get("/reports", query_string={**PERIOD, "oblast": "UA-99"})

    assert page.status_code == 422
    error = page.text.split('id="oblast-error">')[1].split("</span>")[0]
    assert error == "Must be an ISO 3166-2 subdivision code, such as UA-46."
    assert 'aria-describedby="oblast-error"' in page.text and 'data-figure="registered"' not in page.text


def test_the_csv_downloads_count_the_oblast_chosen(client, passwords, fake):
    answering(fake)
    fake.answers["report"] = lambda: Download(b"dimension,value\r\n", "text/csv", "training-report.csv")
    sign_in(client, passwords, "me-officer")

    indicators = client.get("/reports/indicators.csv", query_string={**PERIOD, "oblast": "UA-46"})
    client.get("/reports/training.csv", query_string={**PERIOD, "oblast": "UA-46"})

    rows = list(csv.DictReader(io.StringIO(indicators.text)))
    assert {row["oblast"] for row in rows} == {"UA-46"}
    assert [r["count"] for r in rows if r["dimension"] == "sex"] == [""]  # suppressed stays empty
    assert calls(fake, "report") == [(("2027-01-01", "2027-03-31", "UA-46"), {"csv": True})]


def test_other_roles_do_not_see_the_reports(client, passwords, fake):
    sign_in(client, passwords, "caseworker")

    assert client.get("/reports").status_code == 403 and not fake.calls
