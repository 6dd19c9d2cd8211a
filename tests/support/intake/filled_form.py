"""HTCDS submissions as an OpenRosa client would send them, built from the XForm's own
instance template so that a question added to the form shows up in these tests."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from tests.support.intake.reference import XFORM

XFORMS = "http://www.w3.org/2002/xforms"
INSTANCE_ID = "uuid:5c7b1a2e-0000-4000-8000-000000000001"

# Every question of the form answered, synthetic (no real person), in machine values,
# multi-selects space-separated, dates and times as ODK writes them.
ANSWERS = {
    "start": "2026-05-04T09:12:00.000+03:00",
    "end": "2026-05-04T09:41:27.000+03:00",
    "con_Consent": "TRUE",
    "prs_Salutation": "Ms",
    "prs_First_Name": "Iryna",
    "prs_Second_Name": "Petrenko",
    "prs_Birthdate": "1994-03-17",
    "prs_Gender": "Feminine",
    "prs_Citizenship": "UA",
    "prs_Title": "Seamstress",
    "prs_Email": "iryna.petrenko@example.org",
    "prs_HomePhone": "044 123 4567",
    "prs_MobilePhone": "067 111 2233",
    "prs_MailingCity": "Lviv",
    "prs_MailingCountry": "UA",
    "prs_MailingState": "UA-46",
    "prs_MailingStreet": "vul. Shevchenka 1, apt. 5",
    "prs_MailingPostalCode": "79000",
    "vic_MethodOfRecruitment": "ThroughAnOnlineAdvertisement ThroughFriendsOrSocialEvents",
    "vic_LocationOfRecruitment": "Lviv",
    "vic_TraffickingStatus": "ActualVictimOfTrafficking",
    "vic_TraffickingStatusDecisionMakingOrg": "CourtOrProsecution",
    "vic_Methods_of_Control": "DebtBondage WithholdsDocuments",
    "vic_TypeOfExploitation": "ForcedLabour SexualExploitation",
    "vic_ForcedLabourIndustry": "G_WholesaleAndRetailTradeRepairOfMotorVehicles F_Construction",
    "vic_TypeOfSexExploitation": "PrivateSexualServices",
    "vic_LocationOfExploitation": "Warsaw, Poland",
    "cas_Status": "Active",
    "cas_ReferringOrganisation": "La Strada Ukraine",
    "cas_IncomingReferralDate": "2026-05-04",
    "cas_ReferringPrimaryCaseWorker": "Mykola Shevchuk",
    "cas_ReasonForIncomingReferral": "AdditionalServicesRequired",
    "cas_IncomingReferralDetails": "Asks for vocational training in tailoring.",
}


def instance_template() -> ET.Element:
    """A fresh copy of the form's ``<instance><data id=... version=...>``."""
    model = ET.parse(XFORM).getroot().find(f".//{{{XFORMS}}}model")
    return copy.deepcopy(model.find(f"{{{XFORMS}}}instance/{{{XFORMS}}}data"))


def filled_form(answers: dict | None = None, instance_id: str | None = INSTANCE_ID,
                namespaced: bool = False) -> bytes:
    """The template with ``answers`` (default: all of ``ANSWERS``) and the instance ID
    filled, as ODK Collect writes it (no namespace) or, ``namespaced``, in the form's
    default namespace as some web clients keep it."""
    data = instance_template()
    values = {**(ANSWERS if answers is None else answers), "__version__": data.get("version"),
              "instanceID": instance_id}
    for element in data.iter():
        element.tag = element.tag.split("}")[1]
        element.text = values.get(element.tag)
    if namespaced:
        data.set("xmlns", XFORMS)
    return ET.tostring(data, encoding="utf-8", xml_declaration=True)
