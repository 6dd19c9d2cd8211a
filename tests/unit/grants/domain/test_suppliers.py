"""A supplier's registration code and IBAN are checked by their check digits."""

import pytest

from services.grants.domain.errors import InvalidSupplier
from services.grants.domain.suppliers import checked_supplier, edrpou_is_valid, rnokpp_is_valid

IBAN = "UA213223130000026007233566001"


@pytest.mark.parametrize("code", ["14360570", "00032129", "32855961"])
def test_edrpou_codes_with_their_check_digit_pass(code):
    assert edrpou_is_valid(code)


@pytest.mark.parametrize("code", ["14360571", "00032128", "32855962", "1436057", "1436057a"])
def test_an_edrpou_with_a_wrong_check_digit_or_shape_fails(code):
    assert not edrpou_is_valid(code)


def test_a_sole_proprietors_tax_number_is_checked_too():
    assert rnokpp_is_valid("3012345670")
    assert not rnokpp_is_valid("3012345671")


def test_a_ukrainian_supplier_with_a_mistyped_code_and_iban_is_refused_naming_both():
    with pytest.raises(InvalidSupplier) as refused:
        checked_supplier("Agro LLC", "UA", "14360571", "UA213223130000026007233566002")
    assert set(refused.value.field_errors) == {"registration_code", "iban"}


def test_another_countrys_code_is_kept_as_given_and_the_iban_compacted():
    supplier = checked_supplier(" Tools GmbH ", "DE", "hrb 12345", "DE89 3704 0044 0532 0130 00")
    assert supplier["registration_code"] == "HRB 12345"
    assert supplier["iban"] == "DE89370400440532013000"
    assert supplier["name"] == "Tools GmbH"
