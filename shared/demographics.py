"""The few non-identifying attributes that travel with a beneficiary's opaque id,
and their allowed values: one place for each."""

from __future__ import annotations

from datetime import date

# HTCDS v2.0 gender picklist (values as in the standard's XForm).
GENDERS = (
    "Feminine",
    "Masculine",
    "TransgenderFeminine",
    "TransgenderMasculine",
    "NonConforming",
    "NonSpecifiedUnknown",
)

# Age bands used in donor reporting; "unknown" when no birthdate is recorded.
AGE_BANDS = ("0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown")
_BAND_FLOORS = ((65, "65+"), (55, "55-64"), (45, "45-54"), (35, "35-44"), (25, "25-34"),
                (18, "18-24"), (0, "0-17"))

LANGUAGE_PATTERN = r"^[a-z]{2,3}$"  # ISO 639-1/639-2 code


def age_on(birthdate: date, day: date) -> int:
    had_birthday = (day.month, day.day) >= (birthdate.month, birthdate.day)
    return day.year - birthdate.year - (0 if had_birthday else 1)


def age_band(birthdate: date | None, day: date) -> str:
    if birthdate is None:
        return "unknown"
    age = age_on(birthdate, day)
    return next(band for floor, band in _BAND_FLOORS if age >= floor)
