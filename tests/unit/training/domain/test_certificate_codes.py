"""Certificate codes: one readable form, typed back however a reader types it."""

import re

import pytest

from services.training.domain.certificates import CODE_PATTERN, code_from, language_for, normalised


def test_a_code_is_three_groups_of_four_unambiguous_characters():
    code = code_from(bytes(range(8)))
    assert re.fullmatch(CODE_PATTERN, code)
    assert not set(code) & set("ILOU")


def test_different_random_bytes_give_different_codes():
    assert code_from(b"\x00" * 7 + b"\x01") != code_from(b"\x00" * 7 + b"\x02")


def test_too_few_random_bytes_are_refused():
    with pytest.raises(ValueError):
        code_from(b"\x01" * 7)


def test_a_code_typed_in_lower_case_with_o_for_zero_reads_as_the_code():
    assert normalised("k7qf 2m9x tr4d") == "K7QF-2M9X-TR4D"
    assert normalised("ABCO-1234-WXYZ") == "ABC0-1234-WXYZ"


def test_a_certificate_is_in_ukrainian_or_english():
    assert (language_for("uk"), language_for("en"), language_for("ru")) == ("uk", "en", "en")
