"""The M&E officer's reports page: the oblast filter offered by name, passed to every
report that counts by place, the budget's included (and to their CSV downloads), and a
refused oblast shown beside its field."""

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
ENVELOPE = {"programme_id": "p-1", "name": "Microgrants", "donor": "Norway MFA",
            "funding_currency": "NOK", "local_currency": "UAH", "total": "1000000.00",
            "committed_funding": "62500.00", "committed_local": "250000.00",
            "disbursed_funding": "8750.00", "disbursed_local": "35000.00",
            "remaining_funding": "875000.00", "remaining_local": "3500000.00",
            "committed_percent": "6.3", "disbursed_percent": "0.9", "active_grants": 5,
            "closed_grants": 0, "suppressed": False}
WITHHELD = {**ENVELOPE, **dict.fromkeys(("committed_funding", "committed_local", "disbursed_funding",
                                         "disbursed_local", "committed_percent", "disbursed_percent",
                                         "active_grants", "closed_grants")), "suppressed": True}


def answering(fake):
    fake.answers.update(indicators=INDICATORS, report=TRAINING, grants_report=GRANTS,
                        budget={"oblast": "UA-46", "threshold": 5, "envelopes": [ENVELOPE]})


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
    assert calls(fake, "budget") == [(("UA-46",), {})]
    assert '<option value="UA-46" selected>Львівська область (UA-46)</option>' in page.text
    assert 'data-figure="registered">7<' in page.text and 'data-figure="grants">9<' in page.text
    assert 'data-figure="committed">62500.00<' in page.text
    assert "oblast=UA-46" in page.text.split('id="indicators"')[1].split("</p>")[0]
    assert "oblast=UA-46" in page.text.split('id="budget"')[1].split("</p>")[0]


def test_the_budget_of_one_oblast_says_what_is_its_and_what_is_the_whole_envelopes(client, passwords, fake):
    answering(fake)
    sign_in(client, passwords, "me-officer")
    client.post("/language", data={"csrf_token": csrf(client), "lang": "en", "next": "/"})

    page = client.get("/reports", query_string={**PERIOD, "oblast": "UA-46"}).text

    assert "the budget burn is the whole envelope's" not in page
    assert ("what the grants committed and disbursed are counted in UA-46 only; an envelope's "
            "total and what remains of it are the whole envelope's") in page
    assert "6.3% committed, 0.9% disbursed; 5 active and 0 closed grants." in page


def test_an_oblasts_withheld_budget_figures_say_suppressed_not_zero(client, passwords, fake):
    answering(fake)
    fake.answers["budget"] = {"oblast": "UA-32", "threshold": 5, "envelopes": [WITHHELD]}
    sign_in(client, passwords, "me-officer")
    client.post("/language", data={"csrf_token": csrf(client), "lang": "en", "next": "/"})

    page = client.get("/reports", query_string={**PERIOD, "oblast": "UA-32"})

    assert page.status_code == 200
    assert 'data-figure="committed">suppressed<' in page.text
    assert 'data-figure="disbursed">suppressed<' in page.text
    assert 'data-figure="total">1000000.00<' in page.text
    assert 'data-figure="remaining">875000.00<' in page.text
    assert "Fewer than 5 grants in UA-32: what they committed and disbursed is suppressed." in page.text
    assert "None" not in page.text.split('id="budget"')[1].split('id="indicators"')[0]


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

    fake.answers["budget"] = lambda: Download(b"programme_id,oblast\r\n", "text/csv", "budget.csv")
    indicators = client.get("/reports/indicators.csv", query_string={**PERIOD, "oblast": "UA-46"})
    client.get("/reports/training.csv", query_string={**PERIOD, "oblast": "UA-46"})
    budget = client.get("/reports/budget.csv", query_string={**PERIOD, "oblast": "UA-46"})

    rows = list(csv.DictReader(io.StringIO(indicators.text)))
    assert {row["oblast"] for row in rows} == {"UA-46"}
    assert [r["count"] for r in rows if r["dimension"] == "sex"] == [""]  # suppressed stays empty
    assert calls(fake, "report") == [(("2027-01-01", "2027-03-31", "UA-46"), {"csv": True})]
    assert calls(fake, "budget") == [(("UA-46",), {"csv": True})]
    assert budget.mimetype == "text/csv" and 'filename="budget.csv"' in budget.headers["Content-Disposition"]


def test_other_roles_do_not_see_the_reports(client, passwords, fake):
    sign_in(client, passwords, "caseworker")

    assert client.get("/reports").status_code == 403 and not fake.calls
