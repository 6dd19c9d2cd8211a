"""Money is Decimal at the currency's ISO 4217 minor unit, rounded explicitly; never float."""

from decimal import Decimal

import pytest

from services.grants.domain.money import (
    CurrencyError,
    Money,
    exact,
    exchange_rate,
    exponent,
    rounded,
    split,
    to_funding,
    to_local,
)


def test_minor_units_follow_iso_4217():
    assert (exponent("UAH"), exponent("NOK"), exponent("JPY"), exponent("KWD")) == (2, 2, 0, 3)


@pytest.mark.parametrize("code", ["uah", "ZZZ", "", "UAHX"])
def test_a_code_that_is_not_a_currency_is_refused(code):
    with pytest.raises(CurrencyError):
        exponent(code)


def test_rounding_is_half_up_to_the_minor_unit():
    assert rounded(Decimal("10.005"), "UAH") == Decimal("10.01")
    assert rounded(Decimal("10.0049"), "UAH") == Decimal("10.00")
    assert rounded(Decimal("2.5"), "JPY") == Decimal("3")


def test_more_decimals_than_the_currency_has_are_refused_not_rounded():
    with pytest.raises(CurrencyError, match="2 decimals"):
        exact("100.005", "UAH")
    assert exact("100.5", "UAH") == Decimal("100.50")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "abc", "1e999999999"])
def test_what_is_not_a_finite_amount_is_refused(value):
    with pytest.raises(CurrencyError):
        exact(value, "UAH")


def test_money_of_different_currencies_does_not_add():
    with pytest.raises(CurrencyError):
        Money(Decimal(1), "UAH") + Money(Decimal(1), "NOK")


def test_conversion_rounds_to_the_target_currency():
    assert to_funding(Money(Decimal("10000.00"), "UAH"), Decimal("3.85"), "NOK") == Money(
        Decimal("2597.40"), "NOK")
    assert to_local(Money(Decimal("100.00"), "NOK"), Decimal("3.8512"), "UAH") == Money(
        Decimal("385.12"), "UAH")


@pytest.mark.parametrize("rate", ["0", "-1", "1.12345678901", "x"])
def test_a_rate_is_positive_with_at_most_ten_decimals(rate):
    with pytest.raises(CurrencyError):
        exchange_rate(rate)


def test_a_split_adds_up_to_the_total_to_the_cent():
    shares = split(Money(Decimal("1000.01"), "UAH"), [Decimal(70), Decimal(30)])
    assert [s.amount for s in shares] == [Decimal("700.01"), Decimal("300.00")]
    thirds = split(Money(Decimal("100.00"), "UAH"), [Decimal("33.33"), Decimal("33.33"),
                                                     Decimal("33.34")])
    assert sum(s.amount for s in thirds) == Decimal("100.00")


def test_shares_that_do_not_make_a_hundred_percent_are_refused():
    with pytest.raises(CurrencyError):
        split(Money(Decimal(100), "UAH"), [Decimal(70), Decimal(20)])
