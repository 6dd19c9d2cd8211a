"""Masks show enough to tell results apart and never a whole personal field."""

import unicodedata
from datetime import date

import pytest

from services.intake.protection.masking import mask_birthdate, mask_email, mask_name, mask_phone


@pytest.mark.parametrize(("name", "masked"), [
    ("Олена", "О•••"), ("  коваль ", "к•••"), ("Олена Коваль", "О•••"),
    (unicodedata.normalize("NFD", "Ólena"), "Ó•••"), ("", ""), ("   ", ""),
])
def test_a_name_shows_its_first_letter_only(name, masked):
    assert mask_name(name) == masked


@pytest.mark.parametrize(("number", "masked"), [
    ("+380671234567", "+380 ••• 67"), ("+15551234567", "+1 ••• 67"), ("+48601234567", "+48 ••• 67"),
    ("+79161234567", "+7 ••• 67"), ("+37369123467", "+373 ••• 67"),
])
def test_a_phone_shows_its_country_code_and_last_two_digits(number, masked):
    assert mask_phone(number) == masked


def test_a_phone_mask_does_not_give_away_the_number_length():
    assert mask_phone("+38067123467") == mask_phone("+380671234567")


@pytest.mark.parametrize("number", ["067 123 45 67", "", "+0123456789"])
def test_a_phone_that_is_not_e164_is_masked_whole(number):
    assert mask_phone(number) == "•••"


@pytest.mark.parametrize(("address", "masked"), [
    ("olena.koval@example.org", "o•••@example.org"), ("O@ukr.net", "O•••@ukr.net"),
    ("not-an-address", "•••"), ("@example.org", "•••"), ("olena@", "•••"),
])
def test_an_email_shows_the_first_letter_and_the_domain(address, masked):
    assert mask_email(address) == masked


@pytest.mark.parametrize(("birthdate", "masked"), [
    ("1990-03-02", "1990"), (date(2001, 12, 31), "2001"), ("02.03.1990", "•••"),
])
def test_a_birthdate_shows_its_year_only(birthdate, masked):
    assert mask_birthdate(birthdate) == masked
