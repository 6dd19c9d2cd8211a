"""Synthetic beneficiary data in the shapes intake receives it (no real person)."""

from __future__ import annotations

# A template row as a CSV export of the "Case Sheet" gives it: labels in picklist cells,
# ";" between choices, a country name for citizenship, local phone numbers.
TEMPLATE_ROW = {
    "cas_CaseOwner": "Olena Kovalenko",
    "prs_Salutation": "Ms",
    "prs_FirstName": "Iryna",
    "prs_SecondName": "Petrenko",
    "con_Consent": "TRUE",
    "prs_Birthdate": "1994-03-17",
    "prs_Gender": "Feminine",
    "prs_Citizenship": "Ukraine",
    "prs_Title": "Seamstress",
    "prs_Email": "iryna.petrenko@example.org",
    "prs_HomePhone": "044 123 4567",
    "prs_MobilePhone": "067 111 2233",
    "prs_MailingCity": "Lviv",
    "prs_MailingCountry": "UA",
    "prs_MailingState": "UA-46",
    "prs_MailingStreet": "vul. Shevchenka 1, apt. 5",
    "prs_MailingPostalCode": "79000",
    "vic_TraffickingStatus": "Actual victim of trafficking",
    "vic_TraffickinStatusDecisionMakingOrg": "Court or prosecution",
    "vic_MethodOfRecruitment": "Through an online advertisement;Through friends or social events",
    "vic_LocationOfRecruitment": "Lviv",
    "vic_MethodsOfControl": "Debt bondage;Withholds documents",
    "vic_TypeOfExploitation": "Forced labour;Sexual exploitation",
    "vic_ForcedLabourIndustry": "Wholesale and retail trade; repair of motor vehicles and motorcycles;"
                                "Construction",
    "vic_TypeOfSexExploitation": "Private Sexual Services",
    "vic_LocationOfExploitation": "Warsaw, Poland",
    "cas_Status": "Closed",
    "cas_ReferringOrganisation": "La Strada Ukraine",
    "cas_IncomingReferralDate": "2026-05-04",
    "cas_ReferringPrimaryCaseWorker": "Mykola Shevchuk",
    "cas_ReasonForIncomingReferral": "Additional Services Required",
    "cas_IncomingReferralDetails": "Asks for vocational training in tailoring.",
    "cas_ReasonForCaseClosure": "Reintegration plan completed.",
}

# An ODK/Kobo submission of the same case: machine values, spaces between choices.
XFORM_SUBMISSION = {
    "start": "2026-05-04T09:12:00.000+03:00",
    "con_Consent": "TRUE",
    "prs_First_Name": "Iryna",
    "prs_Second_Name": "Petrenko",
    "prs_Birthdate": "1994-03-17",
    "prs_Gender": "Feminine",
    "prs_Citizenship": "UA",
    "vic_TraffickingStatus": "ActualVictimOfTrafficking",
    "vic_TraffickingStatusDecisionMakingOrg": "CourtOrProsecution",
    "vic_Methods_of_Control": "DebtBondage WithholdsDocuments",
    "vic_TypeOfExploitation": "ForcedLabour",
    "vic_ForcedLabourIndustry": "G_WholesaleAndRetailTradeRepairOfMotorVehicles F_Construction",
    "cas_Status": "Active",
    "cas_IncomingReferralDate": "2026-05-04",
    "meta": {"instanceID": "uuid:5c7b1a2e-0000-4000-8000-000000000001"},
}
