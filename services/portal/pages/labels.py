"""How machine values read on a page, in the page's language: picklist values, consent
purposes and methods, dates. One table per kind, used as Jinja filters."""

from __future__ import annotations

import re
from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime, gettext
from flask_babel import lazy_gettext as _l

LABELS = {
    # genders (HTCDS v2.0)
    "Feminine": _l("Female"), "Masculine": _l("Male"),
    "TransgenderFeminine": _l("Transgender female"), "TransgenderMasculine": _l("Transgender male"),
    "NonConforming": _l("Gender non-conforming"), "NonSpecifiedUnknown": _l("Not stated or unknown"),
    # trafficking status
    "PossibleVictimOfTrafficking": _l("Possible victim of trafficking"),
    "ActualVictimOfTrafficking": _l("Actual victim of trafficking"),
    "NotAVictimOfTrafficking": _l("Not a victim of trafficking"),
    # types of exploitation
    "ForcedLabour": _l("Forced labour"), "SexualExploitation": _l("Sexual exploitation"),
    "ChildLabour": _l("Child labour"), "ForcedMarriage": _l("Forced marriage"),
    "Servitude": _l("Servitude"),
    "ForcedMilitaryByNonStateActors": _l("Forced military (by non-state actors)"),
    "OrganRemoval": _l("Organ removal"), "ForcedBegging": _l("Forced begging"),
    "ForcedAdoption": _l("Forced adoption"), "Surrogacy": _l("Surrogacy"), "Other": _l("Other"),
    # NRM status
    "none": _l("none"), "applied": _l("applied"), "granted": _l("granted"), "refused": _l("refused"),
}
PURPOSES = {"case_management": _l("Case management"), "sms": _l("SMS messages"),
            "email": _l("E-mail messages"), "donor_reports": _l("Anonymous donor reports"),
            "named_in_messages": _l("Given name in messages")}
METHODS = {"verbal": _l("verbally"), "written": _l("in writing"), "unspecified": _l("not recorded how")}
STATUS_NAMES = {"draft": _l("Drafts"), "submitted": _l("Submitted"), "under_review": _l("Under review"),
                "changes_requested": _l("Changes requested"), "approved": _l("Approved"),
                "rejected": _l("Rejected"), "withdrawn": _l("Withdrawn")}
MARK_NAMES = {"present": _l("present"), "absent": _l("absent"), "excused": _l("excused")}
PAYEE_NAMES = {"beneficiary": _l("the beneficiary"), "supplier": _l("a supplier")}
CONDITION_NAMES = {
    "releaser_not_approver": _l("you did not approve this grant"),
    "previous_tranche_paid": _l("the tranche before it is paid"),
    "monitoring_visit": _l("a monitoring visit since the last payment found the business operating"),
    "supplier_invoice": _l("a supplier is paid against its invoice (asked on the next screen)"),
}
ENVELOPE_NAMES = {"total": _l("Envelope"), "committed": _l("Committed"), "disbursed": _l("Disbursed"),
                  "remaining": _l("Remaining")}
DIMENSION_NAMES = {"sex": _l("By sex"), "age_band": _l("By age band"), "region": _l("By oblast"),
                   "oblast": _l("By oblast"), "type_of_exploitation": _l("By type of exploitation"),
                   "nrm_status": _l("By NRM status"),
                   "referring_organisation": _l("By referring organisation"),
                   "course": _l("By course"), "category": _l("By course category"), "sector": _l("By sector")}
LANGUAGE_NAMES = {"uk": "Українська", "ru": "Русский", "en": "English"}


def picklist_text(value) -> str:
    if value is None:
        return ""
    return str(LABELS.get(value, re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(value))))


def when(value) -> str:
    """An ISO date or time from a service, in the page's language (times in UTC)."""
    if not value:
        return ""
    try:
        if len(str(value)) <= 10:
            return format_date(date.fromisoformat(str(value)), "medium")
        return format_datetime(datetime.fromisoformat(str(value)), "short")
    except ValueError:
        return str(value)


def shown(figure) -> str:
    """A service's figure, or that it was suppressed (``None``: withheld, not zero)."""
    return gettext("suppressed") if figure is None else str(figure)


def install(app: Flask) -> None:
    app.jinja_env.globals.update(status_names=STATUS_NAMES, mark_names=MARK_NAMES, payee_names=PAYEE_NAMES,
                                 condition_names=CONDITION_NAMES, envelope_names=ENVELOPE_NAMES,
                                 dimension_names=DIMENSION_NAMES)
    app.jinja_env.filters.update(
        picklist_text=picklist_text,
        picklist_label=lambda value: (value, picklist_text(value)),
        gender_label=lambda value: (value, picklist_text(value)),
        purpose_label=lambda value: str(PURPOSES.get(value, value)),
        method_label=lambda value: str(METHODS.get(value, value)),
        method_choice=lambda value: (value, str(METHODS.get(value, value))),
        language_label=lambda value: (value, LANGUAGE_NAMES.get(value, value)),
        when=when,
        shown=shown,
    )
