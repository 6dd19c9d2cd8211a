"""Marshmallow fields for picklist values.

A wrong value is answered with the allowed values, so that a caseworker or an import
report can correct it without opening the standard.
"""

from __future__ import annotations

from marshmallow import fields

from services.intake.domain.picklist import Picklist


class Choice(fields.String):
    """One value of ``picklist``; any known spelling loads as the machine value."""

    default_error_messages = {"one_of": "Must be one of: {allowed}."}

    def __init__(self, picklist: Picklist, **kwargs):
        super().__init__(**kwargs)
        self.picklist = picklist

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        value = self.picklist.canonical(text)
        if value is None:
            raise self.make_error("one_of", allowed=", ".join(self.picklist.values))
        return value


class Choices(fields.List):
    """Several values of ``picklist``, in the order given, each once.

    A template label and its machine value are the same choice, so repeats are dropped
    rather than refused.
    """

    def __init__(self, picklist: Picklist, **kwargs):
        super().__init__(Choice(picklist), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> list[str]:
        return list(dict.fromkeys(super()._deserialize(value, attr, data, **kwargs)))
