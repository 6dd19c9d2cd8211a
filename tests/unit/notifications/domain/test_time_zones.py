"""A beneficiary's zone from their region's country, as the IANA database's zone.tab
lists it: one zone, that zone; several, free text or nothing, the programme's."""

import pytest

from services.notifications.domain.time_zones import zone_of

PROGRAMME = "Europe/Kyiv"


@pytest.mark.parametrize(("region", "zone"), [
    ("PL-14", "Europe/Warsaw"), ("MD-CU", "Europe/Chisinau"), ("GE-TB", "Asia/Tbilisi"),
    ("JP-13", "Asia/Tokyo"),
])
def test_a_country_with_a_single_zone_gives_it(region, zone):
    assert zone_of(region, PROGRAMME) == zone


@pytest.mark.parametrize("region", [
    "UA-46",  # Ukraine: Kyiv and Simferopol
    "US-NY",  # the United States: many
    "Kraków",  # typed as text
    None,
    "XX-01",  # no such country
])
def test_anything_else_gives_the_programmes_zone(region):
    assert zone_of(region, "Europe/Vienna") == "Europe/Vienna"
