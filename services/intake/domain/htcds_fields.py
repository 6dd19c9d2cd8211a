"""Where each flat HTCDS field lives in the nested intake record, in both spellings.

Flat HTCDS data comes in two spellings of the same field names:

- the Excel template's header row (sheet "Case Sheet", row 1), which CSV exports keep:
  ``prs_FirstName``, ``vic_MethodsOfControl``, and ``vic_TraffickinStatusDecisionMakingOrg``
  with the standard's own typo, kept because files in the field carry it;
- the ODK/Kobo XForm's question names: ``prs_First_Name``, ``vic_Methods_of_Control``.

``FIELDS`` lists the template's named columns in its order. Outgoing-referral columns
have no place in the intake record (``path`` None) but stay, so the list is the header.
The template's column AJ ("Reason for Outgoing Referral") has a label but no field name,
and is left out. Its label row also orders the mailing columns differently from the name
row (Street, City, ... against City, Country, ...); the names are what machines read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from services.intake.domain import htcds_picklists as picklists
from services.intake.domain.htcds_cells import (
    cell_text,
    join_template_cell,
    split_template_cell,
    split_xform_cell,
)
from services.intake.domain.picklist import Picklist

Spelling = Literal["template", "xform"]


@dataclass(frozen=True)
class FlatField:
    """A template column, the record path it fills (dotted), and for a multi-select the
    picklist its choices come from."""

    template: str
    path: str | None
    choices: Picklist | None = None


FIELDS = (
    FlatField("cas_CaseOwner", "case.caseworker"),
    FlatField("prs_Salutation", "person.salutation"),
    FlatField("prs_FirstName", "person.first_name"),
    FlatField("prs_SecondName", "person.second_name"),
    FlatField("con_Consent", "consent.case_management"),
    FlatField("prs_Birthdate", "person.birthdate"),
    FlatField("prs_Gender", "person.gender"),
    FlatField("prs_Citizenship", "person.citizenship"),
    FlatField("prs_Title", "person.title"),
    FlatField("prs_Email", "person.email"),
    FlatField("prs_HomePhone", "person.home_phone"),
    FlatField("prs_MobilePhone", "person.mobile_phone"),
    FlatField("prs_MailingCity", "person.mailing_address.city"),
    FlatField("prs_MailingCountry", "person.mailing_address.country"),
    FlatField("prs_MailingState", "person.mailing_address.state"),
    FlatField("prs_MailingStreet", "person.mailing_address.street"),
    FlatField("prs_MailingPostalCode", "person.mailing_address.postal_code"),
    FlatField("vic_TraffickingStatus", "victim.trafficking_status"),
    FlatField("vic_TraffickinStatusDecisionMakingOrg", "victim.trafficking_status_decided_by"),
    FlatField("vic_MethodOfRecruitment", "victim.methods_of_recruitment", picklists.RECRUITMENT_METHOD),
    FlatField("vic_LocationOfRecruitment", "victim.location_of_recruitment"),
    FlatField("vic_MethodsOfControl", "victim.methods_of_control", picklists.CONTROL_METHOD),
    FlatField("vic_TypeOfExploitation", "victim.types_of_exploitation", picklists.EXPLOITATION_TYPE),
    FlatField("vic_ForcedLabourIndustry", "victim.forced_labour_industries",
              picklists.FORCED_LABOUR_INDUSTRY),
    FlatField("vic_TypeOfSexExploitation", "victim.types_of_sexual_exploitation",
              picklists.SEXUAL_EXPLOITATION_TYPE),
    FlatField("vic_LocationOfExploitation", "victim.location_of_exploitation"),
    FlatField("cas_Status", "case.status"),
    FlatField("cas_ReferringOrganisation", "case.referring_organisation"),
    FlatField("cas_IncomingReferralDate", "case.incoming_referral_date"),
    FlatField("cas_ReferringPrimaryCaseWorker", "case.referring_caseworker"),
    FlatField("cas_ReasonForIncomingReferral", "case.reason_for_incoming_referral"),
    FlatField("cas_IncomingReferralDetails", "case.incoming_referral_details"),
    FlatField("cas_ReferredOrganisation", None),
    FlatField("cas_ReferredPrimaryCaseWorker", None),
    FlatField("cas_OutgoingReferralDate", None),
    FlatField("cas_OutgoingReferralDetails", None),
    FlatField("cas_ReasonForCaseClosure", "case.closure_reason"),
)

# Where the XForm's names differ from the template's; any other field it has is named alike.
XFORM_NAMES = {
    "prs_FirstName": "prs_First_Name",
    "prs_SecondName": "prs_Second_Name",
    "vic_TraffickinStatusDecisionMakingOrg": "vic_TraffickingStatusDecisionMakingOrg",
    "vic_MethodsOfControl": "vic_Methods_of_Control",
}
# Template columns the XForm does not ask for.
NOT_IN_XFORM = frozenset({
    "cas_CaseOwner", "cas_ReferredOrganisation", "cas_ReferredPrimaryCaseWorker",
    "cas_OutgoingReferralDate", "cas_OutgoingReferralDetails", "cas_ReasonForCaseClosure",
})


def template_headers() -> list[str]:
    """The template's header row (its field names), in column order."""
    return [field.template for field in FIELDS]


# What ODK Collect and KoboToolbox add to every instance: bookkeeping, not answers.
XFORM_BOOKKEEPING = frozenset({"start", "end", "today", "deviceid", "__version__", "_version_",
                               "uuid"})  # uuid: Kobo's formhub/uuid


def unknown_fields(row: dict, spelling: Spelling) -> list[str]:
    """The names in ``row`` that are no field of the standard in ``spelling`` (a form or
    a file of another version, a typing slip): their answers have nowhere to go, and the
    sender is told rather than left to believe they were kept."""
    known = {flat_name(field, spelling) for field in FIELDS}
    if spelling == "xform":
        known |= XFORM_BOOKKEEPING
    return sorted(name for name in row if name not in known)


def flat_name(field: FlatField, spelling: Spelling) -> str | None:
    """The field's name in ``spelling``, or None if that source does not have it."""
    if spelling == "template":
        return field.template
    if spelling == "xform":
        return None if field.template in NOT_IN_XFORM else XFORM_NAMES.get(field.template, field.template)
    raise ValueError(f"spelling must be 'template' or 'xform', not {spelling!r}")


def record_from_flat(row: dict, spelling: Spelling) -> dict:
    """A flat row as a nested record of raw strings (multi-selects as lists), ready for
    ``BeneficiaryRecordSchema``; empty cells and fields the record has no place for are
    left out."""
    record: dict = {}
    for field in FIELDS:
        name = flat_name(field, spelling)
        text = cell_text(row.get(name)) if name and field.path else None
        if text is None:
            continue
        if field.choices is None:
            _put(record, field.path, text)
        elif choices := _split(text, field.choices, spelling):
            _put(record, field.path, choices)
    return record


def flat_from_record(record: dict) -> dict:
    """A record, raw or loaded, as a template row: multi-selects joined with ";", dates
    in ISO format, consent as TRUE/FALSE; empty fields left out."""
    row = {}
    for field in FIELDS:
        value = _get(record, field.path) if field.path else None
        text = join_template_cell(value or []) if field.choices else cell_text(value)
        if text:
            row[field.template] = text
    return row


def _split(text: str, choices: Picklist, spelling: Spelling) -> list[str]:
    return split_template_cell(text, choices) if spelling == "template" else split_xform_cell(text)


def _put(record: dict, path: str, value) -> None:
    *sections, key = path.split(".")
    for section in sections:
        record = record.setdefault(section, {})
    record[key] = value


def _get(record: dict, path: str):
    for key in path.split("."):
        if not isinstance(record, dict) or key not in record:
            return None
        record = record[key]
    return record
