"""``?oblast=``: the oblast (or any country's first-level subdivision) a report is narrowed
to, as its ISO 3166-2 code. The same query parameter, rules and message on every
service's reports, so the portal's one filter means the same everywhere.

A code is read in capitals ("ua-46" is UA-46) and must be one ISO 3166-2 lists
(pycountry's catalogue): "UA-99" or "Lviv" is refused with a 422 naming the parameter,
never answered as an empty report that would look like a real zero.
"""

from __future__ import annotations

from marshmallow import ValidationError, fields

NOT_A_SUBDIVISION = "Must be an ISO 3166-2 subdivision code, such as UA-46."


def is_subdivision(code: str) -> bool:
    import pycountry  # here, not at import: its catalogue is read on first use

    return pycountry.subdivisions.get(code=code) is not None


class OblastCode(fields.String):
    """An ISO 3166-2 code, in capitals."""

    def __init__(self, meaning: str, **kwargs):
        super().__init__(load_default=None, metadata={
            "description": f"Only {meaning} in this oblast: an ISO 3166-2 code such as UA-46. "
                           "Small counts are suppressed within it as in the whole report.",
            "example": "UA-46"}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        code = super()._deserialize(value, attr, data, **kwargs).strip().upper()
        if len(code) > 6 or not is_subdivision(code):
            raise ValidationError(NOT_A_SUBDIVISION)
        return code
