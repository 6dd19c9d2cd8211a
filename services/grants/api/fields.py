"""Money in JSON: a string holding a decimal number, never a JSON number (which a client
would read as a float). An amount sent as a number is refused."""

from __future__ import annotations

import re
from decimal import Decimal

from marshmallow import fields

_DECIMAL = re.compile(r"^-?[0-9]{1,16}(\.[0-9]{1,10})?$")


class DecimalString(fields.Field):
    """A ``Decimal`` read from and written as a string such as ``"70000.00"``."""

    default_error_messages = {
        "invalid": "Must be a decimal number written as a string, e.g. \"70000.00\" "
                   "(a JSON number would be read as a float).",
    }

    def __init__(self, **kwargs):
        metadata = {"type": "string", "format": "decimal", "example": "70000.00",
                    **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else str(getattr(value, "amount", value))

    def _deserialize(self, value, attr, data, **kwargs) -> Decimal:
        if not isinstance(value, str) or not _DECIMAL.match(value):
            raise self.make_error("invalid")
        return Decimal(value)



class Id(fields.UUID):
    """A UUID, handed to the use cases as its text (ids are kept as text)."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        return str(super()._deserialize(value, attr, data, **kwargs))
