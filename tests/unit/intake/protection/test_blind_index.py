"""Blind indexes: spellings of one value meet, kinds and installations never do."""

import unicodedata
from datetime import date, datetime

import pytest

from services.intake.protection.blind_index import BlindIndex
from services.intake.protection.normalise import normalise_name


@pytest.fixture
def index(key_a):
    return BlindIndex(key_a)


@pytest.mark.parametrize("spelling", [
    "олена коваль", "Олена  Коваль", "ОЛЕНА КОВАЛЬ", " Олена\tКоваль\n", "Олена\u00a0Коваль",
])
def test_spellings_of_one_name_share_an_index(index, spelling):
    assert index.name(spelling) == index.name("Олена Коваль")


@pytest.mark.parametrize(("one", "other"), [
    ("Дар'я", "Дар’я"), ("Дар'я", "Дарʼя"), ("Дар'я", "Дар´я"), ("Дар'я", "Дар＇я"),
    ("Анна-Марія", "Анна Марія"), ("Анна-Марія", "Анна – Марія"), ("Анна-Марія", "Анна－Марія"),
    ("José Álvarez", "jose alvarez"), ("Андрій", unicodedata.normalize("NFD", "Андрій")),
    ("Ｏlena", "olena"), ("STRAßE", "strasse"),
])
def test_accents_apostrophes_hyphens_width_and_case_do_not_matter(index, one, other):
    assert normalise_name(one) == normalise_name(other)
    assert index.name(one) == index.name(other)


def test_different_names_have_different_indexes(index):
    assert index.name("Олена Коваль") != index.name("Олена Ковальчук")


@pytest.mark.parametrize("blank", ["", "  ", "-'’"])
def test_a_name_without_letters_is_not_indexed(index, blank):
    with pytest.raises(ValueError, match="at least one letter"):
        index.name(blank)


def test_one_person_registered_twice_has_one_person_index(index):
    assert index.person("Олена Коваль", "1990-03-02") == index.person("ОЛЕНА  коваль", date(1990, 3, 2))


def test_namesakes_born_on_other_days_are_different_people(index):
    assert index.person("Олена Коваль", "1990-03-02") != index.person("Олена Коваль", "1990-03-03")


def test_phone_indexes_expect_e164(index):
    assert index.phone(" +380671234567 ") == index.phone("+380671234567")
    with pytest.raises(ValueError, match="E.164") as refused:
        index.phone("067 123 45 67")
    assert "067 123 45 67" not in str(refused.value)


def test_birthdates_are_indexed_as_iso_dates(index):
    assert index.birthdate(date(1990, 3, 2)) == index.birthdate("1990-03-02")
    with pytest.raises(ValueError, match="ISO date"):
        index.birthdate("02.03.1990")
    with pytest.raises(ValueError, match="not a moment"):
        index.birthdate(datetime(1990, 3, 2))


def test_each_kind_of_value_is_indexed_apart(index):
    assert index.phone("+380671234567") != index.name("+380671234567")
    assert index.birthdate("1990-03-02") != index.name("1990-03-02")
    assert index.person("a", "1990-03-02") != index.name("a 1990-03-02")


def test_an_index_is_32_hex_characters(index):
    value = index.name("Олена Коваль")

    assert len(value) == 32 and int(value, 16) >= 0 and value == value.lower()


def test_another_index_key_gives_other_indexes(index, key_b):
    assert BlindIndex(key_b).name("Олена Коваль") != index.name("Олена Коваль")


def test_the_index_key_is_never_shown(index, key_a):
    assert key_a.hex() not in repr(index)
