"""Beneficiary codes: random, readable aloud, never repeated in practice."""

from services.intake.protection.beneficiary_codes import ALPHABET, CODE, new_beneficiary_code


def test_codes_do_not_repeat_over_a_hundred_thousand_draws():
    codes = [new_beneficiary_code() for _ in range(100_000)]

    assert len(set(codes)) == len(codes)
    assert all(CODE.fullmatch(code) for code in codes)


def test_codes_read_like_vn_and_two_groups_of_five():
    code = new_beneficiary_code()

    assert code.startswith("VN-") and [len(part) for part in code.split("-")] == [2, 5, 5]


def test_the_alphabet_leaves_out_symbols_confused_with_each_other():
    assert not set("0O1I") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 32
