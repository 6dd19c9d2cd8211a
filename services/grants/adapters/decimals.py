"""Exact decimal columns, on PostgreSQL and on SQLite alike.

On PostgreSQL an amount is a ``NUMERIC``. SQLite has no exact decimal: a ``NUMERIC``
column there keeps a float (0.1 + 0.2 comes back 0.30000000000000004), so on SQLite the
same column holds an integer count of the smallest unit kept (ten-thousandths of money,
ten-billionths of a rate): sums and comparisons in SQL stay exact, and the value read back
is the same ``Decimal``. No float ever holds an amount."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger, Numeric
from sqlalchemy.types import TypeDecorator


class ExactDecimal(TypeDecorator):
    """``NUMERIC(precision, scale)`` on PostgreSQL; an integer of 10^-scale units on SQLite."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int):
        super().__init__(precision=precision, scale=scale, asdecimal=True)
        self.scale = scale

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.impl.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("an exact decimal column refuses a float")
        value = Decimal(value)
        if dialect.name == "sqlite":
            return int(value.scaleb(self.scale).to_integral_exact())
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-self.scale)
        return Decimal(value)


def Amount() -> ExactDecimal:  # noqa: N802 - a column type, named like one
    """Money: 16 digits before the point, 4 after (every ISO 4217 minor unit fits)."""
    return ExactDecimal(20, 4)


def Rate() -> ExactDecimal:  # noqa: N802 - a column type, named like one
    """An exchange rate, to ``money.RATE_PLACES`` (10) decimals."""
    return ExactDecimal(24, 10)
