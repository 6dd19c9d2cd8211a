"""Consent purposes and how consent was given: the one list intake records and every
service checks against."""

CASE_MANAGEMENT = "case_management"
CONTACT_BY_SMS = "sms"
CONTACT_BY_EMAIL = "email"
DONOR_REPORTS = "donor_reports"  # anonymous data in donor reports
# Messages may greet the person by their given name (a template marked personal); without
# it, no message names them.
NAMED_IN_MESSAGES = "named_in_messages"

PURPOSES = (CASE_MANAGEMENT, CONTACT_BY_SMS, CONTACT_BY_EMAIL, DONOR_REPORTS, NAMED_IN_MESSAGES)

VERBAL, WRITTEN = "verbal", "written"
UNSPECIFIED = "unspecified"  # e.g. HTCDS con_Consent in an import: given, but not how
METHODS = (VERBAL, WRITTEN, UNSPECIFIED)
