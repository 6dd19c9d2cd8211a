"""What a registration keeps in clear, what it seals, and how the person can be found.

Only attributes that identify nobody stay in clear: they feed aggregate reports and
the events other services receive. Everything else is sealed per section under the
beneficiary's own key; exact search goes through keyed blind indexes.
"""

from __future__ import annotations

from datetime import date

from services.intake.domain.regions import region_of
from shared.demographics import age_band

SEALED_SECTIONS = ("person", "victim", "case", "nrm")
UNKNOWN_GENDER = "NonSpecifiedUnknown"

# Blind-index kinds: the duplicate check looks at the first two.
PERSON, PHONE, NAME, BIRTHDATE = "person", "phone", "name", "birthdate"
DUPLICATE_KINDS = (PERSON, PHONE)


def full_name(person: dict) -> str:
    return " ".join(part for part in (person.get("first_name"), person.get("second_name")) if part)


def anonymous_attributes(record: dict, today: date, country: str | None) -> dict:
    """The clear columns of a beneficiary: none of them identifies anyone. ``country``
    is the programme's, in which a state typed by name is read when the address names no
    country of its own."""
    person, victim = record.get("person", {}), record.get("victim", {})
    case, nrm = record.get("case", {}), record.get("nrm", {})
    return {
        "sex": person.get("gender") or UNKNOWN_GENDER,
        "age_band": age_band(person.get("birthdate"), today),
        # Regions are reported by code: a state typed by name ("Kharkiv oblast") is read
        # as its code; one that cannot be read stays, as typed, sealed with the address.
        "region": region(record, country),
        "preferred_language": record["preferred_language"],
        "trafficking_status": victim.get("trafficking_status"),
        "types_of_exploitation": sorted(victim.get("types_of_exploitation", [])),
        "referring_organisation": case.get("referring_organisation"),
        "case_status": case.get("status"),
        "incoming_referral_date": case.get("incoming_referral_date"),
        "nrm_status": nrm.get("status"),
        "nrm_decision_date": nrm.get("decision_date"),
        "nrm_expires_on": nrm.get("expires_on"),
    }


def region(record: dict, country: str | None) -> str | None:
    """The region code of the record's mailing address, its state read in the address's
    country or else the programme's ``country``; None if it cannot be read."""
    return region_of(record.get("person", {}).get("mailing_address", {}), country)


def region_unresolved(record: dict, region: str | None) -> bool:
    """Whether the record gives a state that was not read as a region (``region`` is
    the one its anonymous attributes hold): it is counted as unknown."""
    state = record.get("person", {}).get("mailing_address", {}).get("state")
    return region is None and bool(state and state.strip())


def sealed_sections(record: dict) -> dict[str, dict]:
    """The record's sections to encrypt, JSON-ready (dates as ISO text)."""
    return {name: json_ready(record[name]) for name in SEALED_SECTIONS if record.get(name)}


def search_keys(person: dict) -> list[tuple[str, tuple[str, ...]]]:
    """(kind, values) of every blind index the person can be found by."""
    name, birthdate = full_name(person), person.get("birthdate")
    keys = []
    if name and birthdate:
        keys.append((PERSON, (name, birthdate.isoformat())))
    if name:
        keys.append((NAME, (name,)))
    if birthdate:
        keys.append((BIRTHDATE, (birthdate.isoformat(),)))
    for field in ("mobile_phone", "home_phone"):
        if person.get(field):
            keys.append((PHONE, (person[field],)))
    return keys


def json_ready(value):
    """``value`` with dates as ISO text, as sealed sections and JSON hold them."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
