"""Money: ``Decimal`` amounts in a currency, rounded to the currency's minor unit.

A float cannot hold 0.10 exactly, and a grant paid in tranches must add up to the cent:
every amount here is a ``Decimal``, rounded explicitly (half up, as banks and donors'
financial reports do) to the number of decimals ISO 4217 gives the currency (2 for UAH
and NOK, 0 for JPY, 3 for KWD; from Babel's CLDR data). An amount given with more
decimals than its currency has is refused, not silently rounded: 100.005 UAH is a typo.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import get_currency_precision, is_currency

ROUNDING = ROUND_HALF_UP
# Exchange rates are kept to 10 decimals: enough for any pair, never rounded to money.
RATE_PLACES = 10
# The largest amount's digits before the point: what NUMERIC(20, 4) columns hold.
MAX_DIGITS = 15


class CurrencyError(ValueError):
    """A code that is not an ISO 4217 currency, or an amount it cannot hold."""


def currency_code(code: str) -> str:
    """``code`` if it is an ISO 4217 currency (upper case, as written in the standard)."""
    if not isinstance(code, str) or code != code.upper() or not is_currency(code):
        raise CurrencyError(f"{code!r} is not an ISO 4217 currency code (e.g. UAH, NOK)")
    return code


def exponent(currency: str) -> int:
    """Decimals of the currency's minor unit."""
    return get_currency_precision(currency_code(currency))


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-exponent(currency))


def rounded(amount: Decimal, currency: str) -> Decimal:
    """``amount`` rounded half up to the currency's minor unit."""
    return amount.quantize(quantum(currency), rounding=ROUNDING)


def exact(amount: Decimal | str, currency: str) -> Decimal:
    """``amount`` as the currency holds it; refused when it has more decimals than the
    currency's minor unit, is not finite, or is not a number at all."""
    try:
        value = Decimal(amount) if isinstance(amount, str) else amount
    except InvalidOperation:
        raise CurrencyError(f"{amount!r} is not an amount") from None
    if not isinstance(value, Decimal) or not value.is_finite() or value.adjusted() > MAX_DIGITS:
        raise CurrencyError(f"{amount!r} is not an amount")
    if value != rounded(value, currency):
        raise CurrencyError(f"{currency} has {exponent(currency)} decimals: {amount} has more")
    return rounded(value, currency)


@dataclass(frozen=True, order=True)
class Money:
    """An amount in a currency, always at the currency's minor unit."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", exact(self.amount, self.currency))

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + self._same(other).amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - self._same(other).amount, self.currency)

    def _same(self, other: Money) -> Money:
        if other.currency != self.currency:
            raise CurrencyError(f"cannot add {other.currency} to {self.currency}")
        return other

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"


def exchange_rate(rate: Decimal | str) -> Decimal:
    """A rate (units of the local currency per unit of the funding currency): positive,
    at most ``RATE_PLACES`` decimals."""
    try:
        value = Decimal(rate) if isinstance(rate, str) else rate
    except InvalidOperation:
        raise CurrencyError(f"{rate!r} is not a rate") from None
    if not isinstance(value, Decimal) or not value.is_finite() or value <= 0:
        raise CurrencyError("a rate is a positive number")
    if value != value.quantize(Decimal(1).scaleb(-RATE_PLACES), rounding=ROUNDING):
        raise CurrencyError(f"a rate has at most {RATE_PLACES} decimals")
    return value


def to_funding(local: Money, rate: Decimal, funding_currency: str) -> Money:
    """What ``local`` costs in the funding currency at ``rate`` (local per funding unit),
    rounded half up to the funding currency's minor unit."""
    return Money(rounded(local.amount / exchange_rate(rate), funding_currency), funding_currency)


def to_local(funding: Money, rate: Decimal, local_currency: str) -> Money:
    """What ``funding`` is worth in the local currency at ``rate``."""
    return Money(rounded(funding.amount * exchange_rate(rate), local_currency), local_currency)


def split(total: Money, percents: list[Decimal]) -> list[Money]:
    """``total`` in shares of ``percents`` (adding up to 100), each rounded to the minor
    unit, the last taking the remainder so the shares add up to ``total`` exactly."""
    if sum(percents, Decimal(0)) != 100 or any(p <= 0 for p in percents):
        raise CurrencyError("shares are positive percents adding up to 100")
    shares = [Money(rounded(total.amount * p / 100, total.currency), total.currency)
              for p in percents[:-1]]
    rest = total.amount - sum((s.amount for s in shares), Decimal(0))
    return [*shares, Money(rest, total.currency)]
