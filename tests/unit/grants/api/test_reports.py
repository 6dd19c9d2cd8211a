"""Reports: budget burn per envelope in both currencies, of one oblast's grants or all;
grants by sector, oblast, sex and age band, approval rate, mean and median grant,
survival; CSV and JSON; small cells suppressed; M&E reads them, and only them."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest


@pytest.fixture
def funded(world):
    """Five grants in one programme (one paid in part and visited), one plan rejected."""
    programme = world.programme(approval_tiers=[])
    grants = [world.approved_grant(programme["id"]) for _ in range(5)]
    rejected = world.reviewed_plan(programme["id"])
    world.ok(world.client().post(f"/applications/{rejected['id']}/decision", json={
        "outcome": "reject", "reason": "no market"}, headers=world.headers("grant_officer", "gina")))
    first = grants[0]["tranches"][0]
    world.ok(world.release(first["id"], "report-key-1"))
    world.ok(world.pay(first["id"]))
    for grant in grants:
        world.visit(grant["id"], operating=grant is not grants[-1])
    return programme


def report(world, path: str):
    return world.client().get(path, headers=world.headers("me_officer", "mia"))


def test_the_budget_shows_each_envelopes_burn_in_both_currencies(world, funded):
    [envelope] = world.ok(report(world, "/reports/budget"))["envelopes"]

    assert envelope["committed_funding"] == "62500.00" and envelope["committed_local"] == "250000.00"
    assert envelope["disbursed_funding"] == "8750.00" and envelope["disbursed_local"] == "35000.00"
    assert envelope["remaining_funding"] == "937500.00"
    assert envelope["remaining_local"] == "3750000.00"
    assert (envelope["committed_percent"], envelope["disbursed_percent"]) == ("6.3", "0.9")
    assert (envelope["active_grants"], envelope["closed_grants"]) == (5, 0)


def test_the_budget_as_csv_has_a_row_per_envelope(world, funded):
    response = report(world, "/reports/budget?format=csv")

    assert response.mimetype == "text/csv"
    [row] = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert row["disbursed_local"] == "35000.00" and row["donor"] == "Norway MFA"


def test_grants_figures_with_amounts_rates_and_survival(world, funded):
    figures = world.ok(report(world, "/reports/grants"))

    assert figures["grants"] == {"value": "total", "count": 5, "suppressed": False}
    assert figures["dimensions"]["sector"] == [{"value": "C", "count": 5, "suppressed": False}]
    assert figures["dimensions"]["sex"] == [{"value": "Feminine", "count": 5, "suppressed": False}]
    assert figures["approval"] == {"count": 5, "of": 6, "percent": "83.3", "suppressed": False}
    assert figures["amounts"] == [{"currency": "UAH", "grants": 5, "total": "250000.00",
                                   "mean": "50000.00", "median": "50000.00", "suppressed": False}]
    assert figures["survival"] == {"count": 4, "of": 5, "percent": "80.0", "suppressed": False}


def test_fewer_grants_than_the_threshold_show_no_count_mean_or_rate(world):
    programme = world.programme(approval_tiers=[])
    world.approved_grant(programme["id"])
    world.approved_grant(programme["id"])

    figures = world.ok(report(world, f"/reports/grants?programme_id={programme['id']}"))

    assert figures["grants"] == {"value": "total", "count": None, "suppressed": True}
    assert figures["dimensions"]["oblast"] == [
        {"value": "other_or_not_stated", "count": None, "suppressed": True}]
    assert figures["disclosure_control"]["oblast"] == ["combined", "suppressed"]
    assert figures["amounts"][0]["mean"] is None and figures["amounts"][0]["suppressed"]
    assert figures["approval"]["suppressed"]


def test_the_grants_csv_carries_no_identifier(world, funded):
    text = report(world, "/reports/grants?format=csv").get_data(as_text=True)

    rows = list(csv.DictReader(io.StringIO(text)))
    assert {"grants", "sector", "oblast", "sex", "age_band", "approval", "survival",
            "amount_UAH"} <= {r["section"] for r in rows}
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", text)  # not even an opaque id


@pytest.mark.parametrize("role", ["grant_officer", "finance_officer", "caseworker"])
def test_only_m_and_e_and_admins_read_reports(world, role):
    assert world.client().get("/reports/budget", headers=world.headers(role, "x")).status_code == 403


def test_m_and_e_read_nothing_but_reports(world):
    me = world.headers("me_officer", "mia")
    for path in ("/programmes", "/applications", "/grants", "/suppliers"):
        assert world.client().get(path, headers=me).status_code == 403


def test_an_oblast_narrows_grants_plans_and_visits_to_businesses_there(world, funded):
    for _ in range(2):
        world.visit(world.approved_grant(funded["id"], oblast="UA-32")["id"], operating=False)

    lviv = world.ok(report(world, "/reports/grants?oblast=UA-46"))
    kyiv = world.ok(report(world, "/reports/grants?oblast=UA-32"))

    assert lviv["oblast"] == "UA-46" and lviv["grants"]["count"] == 5
    assert lviv["approval"] == {"count": 5, "of": 6, "percent": "83.3", "suppressed": False}
    assert lviv["survival"] == {"count": 4, "of": 5, "percent": "80.0", "suppressed": False}
    # Two grants in Kyiv oblast: too few to show, within the oblast as in the whole report.
    assert kyiv["grants"] == {"value": "total", "count": None, "suppressed": True}
    assert kyiv["approval"]["suppressed"] and kyiv["survival"]["suppressed"]
    assert kyiv["amounts"][0]["suppressed"]


def test_the_grants_csv_of_one_oblast_counts_that_oblast_only(world, funded):
    world.approved_grant(funded["id"], oblast="UA-32")

    text = report(world, "/reports/grants?format=csv&oblast=UA-46").get_data(as_text=True)

    rows = list(csv.DictReader(io.StringIO(text)))
    assert "UA-32" not in text and any(r["section"] == "oblast" and "UA-46" in r.values() for r in rows)


def test_an_oblast_narrows_the_budget_to_what_the_grants_there_committed_and_disbursed(world, funded):
    for _ in range(5):
        world.approved_grant(funded["id"], oblast="UA-32")

    [whole] = world.ok(report(world, "/reports/budget"))["envelopes"]
    lviv_report = world.ok(report(world, "/reports/budget?oblast=UA-46"))
    [lviv] = lviv_report["envelopes"]
    [kyiv] = world.ok(report(world, "/reports/budget?oblast=UA-32"))["envelopes"]

    assert lviv_report["oblast"] == "UA-46" and not lviv["suppressed"]
    # Five grants of 50,000 UAH at 4 UAH per NOK there; the first tranche paid was Lviv's.
    assert (lviv["committed_funding"], lviv["committed_local"]) == ("62500.00", "250000.00")
    assert (lviv["disbursed_funding"], lviv["disbursed_local"]) == ("8750.00", "35000.00")
    assert (kyiv["committed_funding"], kyiv["disbursed_funding"]) == ("62500.00", "0.00")
    assert (lviv["committed_percent"], lviv["disbursed_percent"]) == ("6.3", "0.9")
    assert (lviv["active_grants"], kyiv["active_grants"]) == (5, 5)
    # The envelope is not divided among oblasts: its total and what remains are the whole's.
    assert lviv["total"] == kyiv["total"] == whole["total"] == "1000000.00"
    assert lviv["remaining_funding"] == kyiv["remaining_funding"] == whole["remaining_funding"] == "875000.00"
    # The oblasts' parts add up to the envelope's running totals.
    for figure in ("committed_funding", "committed_local", "disbursed_funding", "disbursed_local"):
        assert Decimal(lviv[figure]) + Decimal(kyiv[figure]) == Decimal(whole[figure])


def test_an_oblast_with_fewer_grants_than_the_threshold_has_its_burn_withheld(world, funded):
    world.approved_grant(funded["id"], oblast="UA-32")
    world.approved_grant(funded["id"], oblast="UA-32")

    [kyiv] = world.ok(report(world, "/reports/budget?oblast=UA-32"))["envelopes"]

    assert kyiv["suppressed"]
    for figure in ("committed_funding", "committed_local", "disbursed_funding", "disbursed_local",
                   "committed_percent", "disbursed_percent", "active_grants", "closed_grants"):
        assert kyiv[figure] is None, figure
    assert kyiv["total"] == "1000000.00" and kyiv["remaining_funding"] == "912500.00"  # seven grants


def test_an_oblast_without_grants_shows_nothing_taken(world, funded):
    [odesa] = world.ok(report(world, "/reports/budget?oblast=UA-51"))["envelopes"]

    assert not odesa["suppressed"] and (odesa["committed_funding"], odesa["active_grants"]) == ("0.00", 0)


def test_the_budget_csv_of_one_oblast_names_it_and_counts_its_grants_only(world, funded):
    response = report(world, "/reports/budget?format=csv&oblast=UA-46")
    world.approved_grant(funded["id"], oblast="UA-32")

    [row] = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert (row["oblast"], row["committed_local"], row["suppressed"]) == ("UA-46", "250000.00", "false")
    whole_csv = report(world, "/reports/budget?format=csv").get_data(as_text=True)
    [whole] = list(csv.DictReader(io.StringIO(whole_csv)))
    assert whole["oblast"] == "" and whole["committed_local"] == "300000.00"


@pytest.mark.parametrize("path", ["/reports/grants", "/reports/budget"])
@pytest.mark.parametrize("oblast", ["UA-99", "Lviv"])
def test_an_oblast_that_is_no_iso_3166_2_code_is_refused_naming_the_parameter(world, path, oblast):
    response = report(world, f"{path}?oblast={oblast}")

    assert response.status_code == 422
    assert response.get_json()["errors"]["query"]["oblast"] == [
        "Must be an ISO 3166-2 subdivision code, such as UA-46."]


@pytest.mark.parametrize("path", ["/reports/grants", "/reports/budget"])
def test_the_openapi_document_describes_the_oblast_filter(world, path):
    operation = world.client().get("/openapi.json").get_json()["paths"][path]["get"]

    [oblast] = [p for p in operation["parameters"] if p["name"] == "oblast"]
    assert oblast["in"] == "query" and "ISO 3166-2" in oblast["description"]
