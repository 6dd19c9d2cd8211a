"""The registration form (HTCDS core record) as the portal asks it, and the body of
intake's ``POST /beneficiaries`` made from it.

The form's field names are the API's paths (``person.first_name``), so each message
intake answers is shown beside the field it names. A blank field is not sent: HTCDS
fields are optional and survivors often give their details over several meetings.
Intake checks everything; the choices here only spare typing (a test holds them to
intake's picklists).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from shared.consent import METHODS, PURPOSES
from shared.demographics import GENDERS

TEXT_FIELDS = (
    "person.first_name", "person.second_name", "person.birthdate", "person.gender",
    "person.mobile_phone", "person.email", "person.mailing_address.city",
    "person.mailing_address.state", "person.mailing_address.country",
    "victim.trafficking_status", "case.referring_organisation", "case.incoming_referral_date",
    "case.caseworker", "nrm.status", "nrm.decision_date", "nrm.expires_on", "preferred_language",
    "override_reason",
)
LIST_FIELDS = ("victim.types_of_exploitation",)
CONSENT_METHOD = "consent_method"

GENDER_CHOICES = GENDERS
TRAFFICKING_STATUSES = ("PossibleVictimOfTrafficking", "ActualVictimOfTrafficking",
                        "NotAVictimOfTrafficking")
EXPLOITATION_TYPES = ("ForcedLabour", "SexualExploitation", "ChildLabour", "ForcedMarriage",
                      "Servitude", "ForcedMilitaryByNonStateActors", "OrganRemoval",
                      "ForcedBegging", "ForcedAdoption", "Surrogacy", "Other")
NRM_STATUSES = ("none", "applied", "granted", "refused")
LANGUAGES = ("uk", "ru", "en")
CONSENT_PURPOSES, CONSENT_METHODS = PURPOSES, METHODS


def _put(body: dict, path: str, value) -> None:
    *parents, leaf = path.split(".")
    for part in parents:
        body = body.setdefault(part, {})
    body[leaf] = value


def registration_body(text: Mapping[str, str], lists: Mapping[str, Sequence[str]],
                      consented: Sequence[str], override: bool) -> dict:
    """Intake's registration body from the form's fields: ``text`` by name, ``lists``
    (multiple choices) by name, the consent purposes ticked and whether the caseworker
    chose to register a suspected duplicate anyway."""
    body: dict = {}
    for name in TEXT_FIELDS:
        value = (text.get(name) or "").strip()
        if value:
            _put(body, name, value)
    for name in LIST_FIELDS:
        chosen = [value for value in lists.get(name, ()) if value]
        if chosen:
            _put(body, name, chosen)
    method = (text.get(CONSENT_METHOD) or "").strip() or "verbal"
    body["consents"] = [{"purpose": purpose, "granted": True, "method": method}
                        for purpose in PURPOSES if purpose in consented]
    if override:
        body["override_duplicates"] = True
    return body
