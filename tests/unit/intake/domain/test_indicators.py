"""Donor-report indicators: counts by dimension, with small cells suppressed (age bands,
which are never combined, show suppression plainly; combining is in
``tests/unit/shared/test_disclosure.py``)."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date

import pytest

from services.intake.domain.indicators import BeneficiaryFacts, Cell, indicators

START, END = date(2026, 1, 1), date(2026, 3, 31)
SOMEONE = BeneficiaryFacts(
    registered_on=date(2026, 2, 1), sex="Feminine", age_band="25-34", region="UA-46",
    types_of_exploitation=("ForcedLabour",), nrm_status="granted",
    referring_organisation="La Strada", erased=False)


def people(count: int, **facts) -> list[BeneficiaryFacts]:
    return [replace(SOMEONE, **facts)] * count


def cells(beneficiaries, dimension: str, threshold: int = 5) -> dict[str, int | None]:
    report = indicators(beneficiaries, START, END, threshold)
    return {cell.value: cell.count for cell in report.dimensions[dimension]}


@pytest.mark.parametrize("small", [1, 2, 3, 4])
def test_a_band_of_one_to_four_people_is_suppressed(small):
    report = indicators(people(small, age_band="0-17") + people(10) + people(10, age_band="35-44"),
                        START, END)
    assert Cell("0-17", None, suppressed=True) in report.dimensions["age_band"]


def test_a_band_of_five_people_is_shown():
    assert cells(people(5, age_band="0-17") + people(10), "age_band") == {"0-17": 5, "25-34": 10}


def test_a_lone_suppressed_band_takes_the_next_smallest_with_it():
    beneficiaries = people(2, age_band="0-17") + people(6, age_band="35-44") + people(9)
    report = indicators(beneficiaries, START, END)
    assert report.dimensions["age_band"] == (
        Cell("0-17", None, True), Cell("25-34", 9), Cell("35-44", None, True))
    assert report.total == Cell("total", 17)


def test_two_suppressed_bands_need_no_complement():
    beneficiaries = people(2, age_band="0-17") + people(3, age_band="35-44") + people(9)
    assert cells(beneficiaries, "age_band") == {"0-17": None, "35-44": None, "25-34": 9}


def test_the_complement_between_equal_bands_is_chosen_by_value():
    beneficiaries = people(1, age_band="0-17") + people(6, age_band="35-44") + people(6)
    assert cells(beneficiaries, "age_band") == {"0-17": None, "25-34": None, "35-44": 6}


def test_values_nobody_has_are_left_out_rather_than_shown_as_zero():
    assert cells(people(7), "sex") == {"Feminine": 7}


def test_a_total_under_five_is_suppressed():
    assert indicators(people(4), START, END).total == Cell("total", None, suppressed=True)


def test_a_total_of_five_is_shown():
    assert indicators(people(5), START, END).total == Cell("total", 5)


def test_a_person_with_two_types_of_exploitation_counts_once_under_each():
    beneficiaries = people(5, types_of_exploitation=("ForcedLabour", "SexualExploitation")) + people(5)
    report = indicators(beneficiaries, START, END)
    assert cells(beneficiaries, "type_of_exploitation") == {"ForcedLabour": 10, "SexualExploitation": 5}
    assert report.total.count == 10
    assert "counts once under each" in report.notes["type_of_exploitation"]


def test_a_type_recorded_twice_for_one_person_counts_them_once():
    twice = people(5, types_of_exploitation=("ForcedLabour", "ForcedLabour"))
    assert cells(twice, "type_of_exploitation") == {"ForcedLabour": 5}


def test_erased_beneficiaries_still_count():
    beneficiaries = people(3) + people(3, erased=True)
    assert indicators(beneficiaries, START, END).total.count == 6
    assert cells(beneficiaries, "region") == {"UA-46": 6}


def test_the_first_and_last_day_of_the_period_are_included():
    inside = people(5, registered_on=START) + people(5, registered_on=END)
    outside = people(5, registered_on=date(2025, 12, 31)) + people(5, registered_on=date(2026, 4, 1))
    assert indicators(inside + outside, START, END).total.count == 10


@pytest.mark.parametrize("dimension, facts", [
    ("sex", {"sex": None}), ("age_band", {"age_band": None}), ("region", {"region": None}),
    ("region", {"region": "  "}), ("type_of_exploitation", {"types_of_exploitation": ()}),
    ("nrm_status", {"nrm_status": None}), ("referring_organisation", {"referring_organisation": None}),
])
def test_missing_values_are_grouped_as_unknown(dimension, facts):
    assert cells(people(5, **facts) + people(5), dimension)["unknown"] == 5


def test_a_missing_age_band_joins_the_unknown_band_of_a_missing_birthdate():
    beneficiaries = people(3, age_band=None) + people(3, age_band="unknown") + people(5)
    assert cells(beneficiaries, "age_band") == {"25-34": 5, "unknown": 6}


def test_the_threshold_is_a_parameter():
    beneficiaries = people(7, age_band="0-17") + people(12) + people(12, age_band="35-44")
    assert cells(beneficiaries, "age_band", threshold=10) == {"0-17": None, "25-34": None, "35-44": 12}
    assert cells(beneficiaries, "age_band", threshold=5) == {"0-17": 7, "25-34": 12, "35-44": 12}


def test_a_threshold_of_one_suppresses_nothing():
    assert indicators(people(1), START, END, threshold=1).total == Cell("total", 1)


def test_cells_are_sorted_by_value():
    beneficiaries = people(5, region="UA-61") + people(5, region="UA-07") + people(5)
    assert [cell.value for cell in indicators(beneficiaries, START, END).dimensions["region"]] == [
        "UA-07", "UA-46", "UA-61"]


def test_every_dimension_is_reported_and_the_report_is_plain_data():
    report = asdict(indicators(people(5), START, END))
    assert set(report["dimensions"]) == {
        "sex", "age_band", "region", "type_of_exploitation", "nrm_status", "referring_organisation"}
    assert report["dimensions"]["sex"] == ({"value": "Feminine", "count": 5, "suppressed": False},)


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="after it ends"):
        indicators([], END, START)
