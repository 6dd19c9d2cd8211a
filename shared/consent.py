"""Consent purposes and how consent was given: the one list intake records and every
service checks against."""

CASE_MANAGEMENT = "case_management"
CONTACT_BY_SMS = "sms"
CONTACT_BY_EMAIL = "email"
DONOR_REPORTS = "donor_reports"  # anonymous data in donor reports

PURPOSES = (CASE_MANAGEMENT, CONTACT_BY_SMS, CONTACT_BY_EMAIL, DONOR_REPORTS)

VERBAL, WRITTEN = "verbal", "written"
UNSPECIFIED = "unspecified"  # e.g. HTCDS con_Consent in an import: given, but not how
METHODS = (VERBAL, WRITTEN, UNSPECIFIED)
