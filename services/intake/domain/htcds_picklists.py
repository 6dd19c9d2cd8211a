"""The HTCDS v2.0 picklists the intake record uses: one place for each.

Sources, all in the standard's repository (UNMigration/HTCDS, CC BY 4.0):

- Machine values come from the ODK/Kobo XForm (``htcds_xform.xml``), because form
  submissions carry them verbatim and they are the only spelling without spaces.
- Each value's label comes from the Excel template's "validation" sheet
  (``htcds-template-v2.0.xlsx``), whose dropdowns put labels in the cells; labels load
  as aliases of the machine value. Where the XForm's own label differs only in case
  ("Follow Up" against the template's "Follow up"), matching ignores case and spacing.
- Reason for incoming referral is free text in the XForm; its values are the field
  reference's value names (``field-reference-v1.md``), its labels the template's.
- Gender is the platform-wide list in ``shared.demographics``; the template uses the
  machine values there, so it has no aliases.
- Countries are in ``htcds_countries`` (XForm codes, template names as aliases).

The v1 field reference lists older, different values for recruitment, control and
exploitation (e.g. ``Abduction``, ``Begging``); v2 replaced them and they are not
accepted. Reason for case closure is long text in the standard, not a picklist.
"""

from services.intake.domain.htcds_countries import COUNTRY
from services.intake.domain.picklist import Picklist
from shared.demographics import GENDERS

GENDER = Picklist(GENDERS)

TRAFFICKING_STATUS = Picklist.labelled(
    ("PossibleVictimOfTrafficking", "Possible victim of trafficking"),
    ("ActualVictimOfTrafficking", "Actual victim of trafficking"),
    ("NotAVictimOfTrafficking", "Not a victim of trafficking"),
)

TRAFFICKING_STATUS_DECISION_MAKER = Picklist.labelled(
    ("Police", "Police"),
    ("NGO", "NGO"),
    ("CourtOrProsecution", "Court or prosecution"),
    ("NonPoliceGovernmentalOrganization", "Non-police governmental organization"),
    ("Other", "Other"),
)

RECRUITMENT_METHOD = Picklist.labelled(
    ("AtAPlaceOfBusiness", "At a place of business"),
    ("AtAnEducationalInstitution", "At an educational institution"),
    ("AtWork", "At work"),
    ("ThroughOnlineSocialNetworks", "Through online social networks"),
    ("ThroughAnOnlineAdvertisement", "Through an online advertisement"),
    ("ThroughATelevisionAdvert", "Through a television advert"),
    ("ThroughANewspaperAdvert", "Through a newspaper advert"),
    ("ThroughFamilyOrFamilyEvents", "Through family or family events"),
    ("ThroughFriendsOrSocialEvents", "Through friends or social events"),
    ("Other", "Other"),
)

CONTROL_METHOD = Picklist.labelled(
    ("PhysicalThreats", "Physical threats"),
    ("ThreatsLawEnforcement", "Threats of law enforcement"),
    ("ThreatensChildrenFamily", "Threatens children/family"),
    ("DebtBondage", "Debt bondage"),
    ("FalsePromises", "False promises"),
    ("PhysicalAbuse", "Physical abuse"),
    ("SexualAbuse", "Sexual abuse"),
    ("TakesEarnings", "Takes earnings"),
    ("RestrictsFinancialAccess", "Restricts financial access"),
    ("RestrictsMedicalCare", "Restricts medical care"),
    ("WithholdsNecessities", "Withholds necessities"),
    ("PsychologicalAbuse", "Psychological abuse"),
    ("PsychoactiveSubstance", "Psychoactive substance"),
    ("ExcessiveWorkingHours", "Excessive working hours"),
    ("WithholdsDocuments", "Withholds documents"),
    ("Other", "Other"),
)

EXPLOITATION_TYPE = Picklist.labelled(
    ("ForcedLabour", "Forced labour"),
    ("SexualExploitation", "Sexual exploitation"),
    ("ChildLabour", "Child labour"),
    ("ForcedMarriage", "Forced marriage"),
    ("Servitude", "Servitude"),
    ("ForcedMilitaryByNonStateActors", "Forced military (by non-state actors)"),
    ("OrganRemoval", "Organ removal"),
    ("ForcedBegging", "Forced begging"),
    ("ForcedAdoption", "Forced adoption"),
    ("Surrogacy", "Surrogacy"),
    ("Other", "Other"),
)

# ISIC rev. 4 sections; four labels contain ";", which multi-select cells must respect.
FORCED_LABOUR_INDUSTRY = Picklist.labelled(
    ("A_AgricultureForestryAndFishing", "Agriculture, forestry and fishing"),
    ("B_MiningAndQuarrying", "Mining and quarrying"),
    ("C_Manufacturing", "Manufacturing"),
    ("D_ElectricityGasSteamAndAirConditioningSupply", "Electricity, gas, steam and air conditioning supply"),
    ("E_WaterSupplySewerageWasteManagement", "Water supply; sewerage, waste management and remediation"),
    ("F_Construction", "Construction"),
    ("G_WholesaleAndRetailTradeRepairOfMotorVehicles",
     "Wholesale and retail trade; repair of motor vehicles and motorcycles"),
    ("H_TransportationAndStorage", "Transportation and storage"),
    ("I_AccommodationAndFoodServiceActivities", "Accommodation and food service activities"),
    ("J_InformationAndCommunication", "Information and communication"),
    ("K_FinancialAndInsuranceActivities", "Financial and insurance activities"),
    ("L_RealEstateActivities", "Real estate activities"),
    ("M_ProfessionalScientificAndTechnicalActivities", "Professional, scientific and technical activities"),
    ("N_AdministrativeAndSupportServiceActivities", "Administrative and support service activities"),
    ("O_PublicAdministrationAndDefence", "Public administration and defence; compulsory social security"),
    ("P_Education", "Education"),
    ("Q_HumanHealthAndSocialWorkActivities", "Human health and social work activities"),
    ("R_ArtsEntertainmentAndRecreation", "Arts, entertainment and recreation"),
    ("S_OtherServiceActivities", "Other service activities"),
    ("T_ActivitiesOfHouseholdsAsEmployers", "Activities of households as employers; undifferentiated "
     "goods- and services- producing activities of households for own use"),
    ("U_ActivitiesOfExtraterritorialOrganizations",
     "Activities of extraterritorial organizations and bodies"),
)

SEXUAL_EXPLOITATION_TYPE = Picklist.labelled(
    ("Prostitution", "Prostitution"),
    ("Pornography", "Pornography"),
    ("RemoteInteractiveServices", "Remote Interactive Services"),
    ("PrivateSexualServices", "Private Sexual Services"),
)

CASE_STATUS = Picklist.labelled(
    ("Active", "Active"),
    ("FollowUp", "Follow up"),
    ("Closed", "Closed"),
    ("ClosedReferred", "Closed Referred"),
)

INCOMING_REFERRAL_REASON = Picklist.labelled(
    ("AdditionalServicesRequired", "Additional Services Required"),
    ("MigrationOrChangeOfLocation", "Migration Or Change Of Location"),
    ("Other", "Other"),
)

# Every picklist above, by the name the record gives its field(s).
PICKLISTS: dict[str, Picklist] = {
    "gender": GENDER,
    "country": COUNTRY,
    "trafficking_status": TRAFFICKING_STATUS,
    "trafficking_status_decided_by": TRAFFICKING_STATUS_DECISION_MAKER,
    "method_of_recruitment": RECRUITMENT_METHOD,
    "method_of_control": CONTROL_METHOD,
    "type_of_exploitation": EXPLOITATION_TYPE,
    "forced_labour_industry": FORCED_LABOUR_INDUSTRY,
    "type_of_sexual_exploitation": SEXUAL_EXPLOITATION_TYPE,
    "case_status": CASE_STATUS,
    "reason_for_incoming_referral": INCOMING_REFERRAL_REASON,
}
