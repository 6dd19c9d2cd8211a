"""Small counts protected with the least loss: small values combined into
"other_or_not_stated" where a dimension allows it, what is still small suppressed, and
a complementary cell (the smallest) only where a lone suppressed one could be worked out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.intake.domain.indicators import BeneficiaryFacts, indicators
from shared.disclosure import (
    COMBINED,
    COMPLEMENTARY,
    OTHER_OR_NOT_STATED,
    SUPPRESSED,
    Cell,
    protect,
)

START, END = date(2026, 1, 1), date(2026, 12, 31)
SOMEONE = BeneficiaryFacts(
    registered_on=date(2026, 2, 1), sex="Feminine", age_band="25-34", region="UA-46",
    types_of_exploitation=("ForcedLabour",), nrm_status="granted",
    referring_organisation="La Strada")
OTHER = OTHER_OR_NOT_STATED


def people(count: int, **facts) -> list[BeneficiaryFacts]:
    return [replace(SOMEONE, **facts)] * count


def table(beneficiaries, dimension: str) -> tuple[dict[str, int | None], tuple[str, ...]]:
    """(value -> count, methods) of one dimension of the report."""
    report = indicators(beneficiaries, START, END)
    return ({cell.value: cell.count for cell in report.dimensions[dimension]},
            report.disclosure_control[dimension])


def test_400_women_600_men_and_one_person_of_unspecified_sex_keep_the_large_cells():
    beneficiaries = (people(400) + people(600, sex="Masculine")
                     + people(1, sex="NonSpecifiedUnknown"))

    counts, methods = table(beneficiaries, "sex")

    assert counts == {"Feminine": 400, "Masculine": 600, OTHER: None}
    assert methods == (COMBINED, SUPPRESSED)
    assert indicators(beneficiaries, START, END).total == Cell("total", 1001)


def test_a_person_whose_sex_is_missing_is_not_stated_like_one_of_unspecified_sex():
    beneficiaries = people(400) + people(600, sex="Masculine") + people(1, sex=None)
    assert table(beneficiaries, "sex") == (
        {"Feminine": 400, "Masculine": 600, OTHER: None}, (COMBINED, SUPPRESSED))


def test_small_regions_combined_reach_the_threshold_and_hide_nothing():
    beneficiaries = (people(2, region="UA-07") + people(2, region="UA-32")
                     + people(3, region="UA-63") + people(40))

    assert table(beneficiaries, "region") == ({"UA-46": 40, OTHER: 7}, (COMBINED,))


def test_a_small_stated_value_still_small_once_combined_takes_the_smallest_other_cell_with_it():
    beneficiaries = people(2, region="UA-07") + people(6, region="UA-32") + people(9)

    assert table(beneficiaries, "region") == (
        {"UA-32": None, "UA-46": 9, OTHER: None}, (COMBINED, SUPPRESSED, COMPLEMENTARY))


def test_the_complement_is_never_the_cell_holding_most_of_the_total_while_a_smaller_one_is_there():
    beneficiaries = (people(1, sex="TransgenderFeminine") + people(600, sex="Masculine")
                     + people(400))

    counts, methods = table(beneficiaries, "sex")

    assert counts == {"Feminine": None, "Masculine": 600, OTHER: None}
    assert methods == (COMBINED, SUPPRESSED, COMPLEMENTARY)


def test_a_combined_value_is_not_named_so_a_lone_rare_category_is_not_told():
    beneficiaries = people(1, sex="TransgenderFeminine") + people(20, sex="Masculine") + people(20)

    report = indicators(beneficiaries, START, END)

    assert "TransgenderFeminine" not in {cell.value for cell in report.dimensions["sex"]}


def test_a_large_count_of_unknown_regions_keeps_its_own_cell():
    beneficiaries = people(300, region=None) + people(700)

    assert table(beneficiaries, "region") == ({"UA-46": 700, "unknown": 300}, ())


def test_few_unknown_regions_join_the_small_regions_in_other_or_not_stated():
    beneficiaries = people(2, region=None) + people(3, region="UA-07") + people(20)

    assert table(beneficiaries, "region") == ({"UA-46": 20, OTHER: 5}, (COMBINED,))


def test_age_bands_are_not_combined_and_a_small_unknown_band_alone_needs_no_complement():
    beneficiaries = people(1, age_band="unknown") + people(30) + people(20, age_band="35-44")

    assert table(beneficiaries, "age_band") == (
        {"25-34": 30, "35-44": 20, "unknown": None}, (SUPPRESSED,))


def test_a_small_age_band_is_suppressed_with_the_smallest_other_band():
    beneficiaries = people(2, age_band="0-17") + people(30) + people(20, age_band="35-44")

    assert table(beneficiaries, "age_band") == (
        {"0-17": None, "25-34": 30, "35-44": None}, (SUPPRESSED, COMPLEMENTARY))


def test_a_dimension_with_nothing_small_names_no_method():
    assert table(people(20) + people(30, region="UA-63"), "region")[1] == ()


def test_a_person_with_two_small_types_counts_once_in_other_or_not_stated():
    beneficiaries = (people(3, types_of_exploitation=("OrganRemoval", "ForcedMarriage"))
                     + people(2, types_of_exploitation=("ForcedBegging",)) + people(10))

    counts, methods = table(beneficiaries, "type_of_exploitation")

    assert counts == {"ForcedLabour": 10, OTHER: 5}
    assert methods == (COMBINED,)


def test_a_total_under_the_threshold_leaves_nothing_to_complement():
    protected = protect([{"UA-07"}, {"UA-46"}, {"UA-46"}], frozenset({"unknown"}),
                        combinable=True, threshold=5)

    assert protected.cells == (Cell(OTHER, None, True),)
    assert protected.methods == (COMBINED, SUPPRESSED)


def test_other_or_not_stated_is_listed_after_the_values():
    protected = protect([{"b"}] * 5 + [{"a"}] * 5 + [{"c"}], frozenset(), combinable=True,
                        threshold=5)

    assert [cell.value for cell in protected.cells] == ["a", "b", OTHER]
