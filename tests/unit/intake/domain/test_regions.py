"""A state typed by name is read as its ISO 3166-2 code in the programme's country (or
the address's): every spelling of the fixture file, in Cyrillic and Latin, as it must be
read; what cannot be read with confidence stays unresolved."""

from __future__ import annotations

import subprocess
import sys

import pytest

from services.intake.domain.regions import region_of, resolve_region
from services.intake.domain.subdivision_names import country_names
from tests.support.intake.oblast_spellings import oblast_spellings

SPELLINGS = oblast_spellings()


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= character <= "\u04ff" for character in text)


def test_the_fixture_holds_a_few_hundred_spellings_in_both_scripts_for_every_oblast():
    assert len(SPELLINGS) >= 300
    assert sum(map(is_cyrillic, (spelling for spelling, _ in SPELLINGS))) >= 100
    assert sum(not is_cyrillic(spelling) for spelling, _ in SPELLINGS) >= 200
    assert len({code for _, code in SPELLINGS}) == 27  # 24 oblasts, Crimea, Kyiv, Sevastopol


@pytest.mark.parametrize("spelling, code", SPELLINGS)
def test_each_spelling_of_the_fixture_is_read_as_its_code(spelling, code):
    assert resolve_region(spelling, "UA") == code


@pytest.mark.parametrize("spelling, code", [
    ("Kyiv", "UA-30"), ("м. Київ", "UA-30"), ("Kyiv City", "UA-30"),
    ("Kyiv oblast", "UA-32"), ("Київська обл.", "UA-32"), ("Kyivska", "UA-32"),
])
def test_kyiv_alone_or_as_a_city_is_the_city_and_with_oblast_the_oblast_around_it(spelling, code):
    assert resolve_region(spelling, "UA") == code


@pytest.mark.parametrize("spelling", [
    "Saltivka", "Kharkivskyi raion", "Donbas", "Podillia", "Ukraine", "Україна", "oblast",
    "м.", "-", "12345", "Warsaw", "Moskva", "Kharkiv Poltava",
])
def test_a_name_that_is_no_region_of_the_country_stays_unresolved(spelling):
    assert resolve_region(spelling, "UA") is None


def test_pieces_naming_two_regions_stay_unresolved():
    assert resolve_region("Kharkiv, Poltava", "UA") is None


@pytest.mark.parametrize("spelling, code", [
    ("Kharkiv, Ukraine", "UA-63"), ("Київ, Україна", "UA-30"), ("Lviv (Ukraine)", "UA-46"),
])
def test_the_countrys_own_name_beside_a_region_is_left_aside(spelling, code):
    assert resolve_region(spelling, "UA") == code


@pytest.mark.parametrize("text", [None, "", "   "])
def test_no_state_is_no_region(text):
    assert resolve_region(text, "UA") is None


def test_a_code_is_taken_as_it_is():
    assert resolve_region(" ua-46 ", "UA") == "UA-46"


@pytest.mark.parametrize("country, spelling, code", [
    ("PL", "województwo mazowieckie", "PL-14"), ("PL", "Mazowieckie", "PL-14"),
    ("MD", "Chisinau", "MD-CU"), ("MD", "Căușeni", "MD-CS"), ("GE", "Tbilisi", "GE-TB"),
    ("RU", "Московская область", "RU-MOS"), ("KZ", "Almaty", "KZ-75"),
])
def test_another_programme_country_reads_its_own_subdivisions(country, spelling, code):
    assert resolve_region(spelling, country) == code


def test_an_address_in_another_country_is_read_in_that_country():
    assert region_of({"state": "Mazowieckie", "country": "PL"}, "UA") == "PL-14"
    assert region_of({"state": "Mazowieckie"}, "UA") is None
    assert region_of({"state": "Kharkiv oblast"}, "UA") == "UA-63"


def test_without_a_country_a_name_is_not_guessed():
    assert resolve_region("Kharkiv oblast", None) is None
    assert resolve_region("Kharkiv oblast", "AQ") is None  # a country without subdivisions


def test_a_countrys_names_are_gathered_once_per_process():
    assert country_names("UA") is country_names("UA")


def test_pycountry_is_not_read_when_the_domain_is_imported():
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, services.intake.domain.registration, "
                               "services.intake.domain.regions; print('pycountry' in sys.modules)"],
        capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "False"
