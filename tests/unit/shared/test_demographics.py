"""Age bands for donor reporting, computed on a given day."""

from datetime import date

import pytest

from shared.demographics import AGE_BANDS, age_band

TODAY = date(2026, 6, 15)


def born_years_ago(years: int, days_later: int = 0) -> date:
    """A birthdate ``years`` before TODAY, moved ``days_later`` days later in the year."""
    return date(TODAY.year - years, TODAY.month, TODAY.day + days_later)


@pytest.mark.parametrize("birthdate, band", [
    (born_years_ago(17), "0-17"),
    (born_years_ago(18), "18-24"),
    (born_years_ago(24), "18-24"),
    (born_years_ago(25), "25-34"),
    (born_years_ago(64), "55-64"),
    (born_years_ago(65), "65+"),
    (born_years_ago(0), "0-17"),
    (born_years_ago(101), "65+"),
])
def test_age_band_boundaries(birthdate, band):
    assert age_band(birthdate, TODAY) == band


def test_an_eighteenth_birthday_not_yet_reached_is_still_a_minor():
    assert age_band(born_years_ago(18, days_later=1), TODAY) == "0-17"


def test_a_sixty_fifth_birthday_not_yet_reached_is_still_55_to_64():
    assert age_band(born_years_ago(65, days_later=1), TODAY) == "55-64"


def test_no_birthdate_is_the_unknown_band():
    assert age_band(None, TODAY) == "unknown"


def test_every_band_given_is_in_the_reporting_picklist():
    days = [date(2026, 1, 1).replace(year=2026 - years) for years in range(0, 100)]

    assert {age_band(day, TODAY) for day in days} | {"unknown"} == set(AGE_BANDS)
