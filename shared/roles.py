"""The staff roles of the platform: the one list every service checks against."""

CASEWORKER = "caseworker"
TRAINER = "trainer"
GRANT_OFFICER = "grant_officer"
FINANCE_OFFICER = "finance_officer"
ME_OFFICER = "me_officer"
ADMIN = "admin"

ROLES = (CASEWORKER, TRAINER, GRANT_OFFICER, FINANCE_OFFICER, ME_OFFICER, ADMIN)

# Who may do what, by kind of work: the groups every service's views name, written once.
# Admin is in each: an administrator may do anything a member of staff may.
CASEWORK = (CASEWORKER, ADMIN)  # personal data: registration, records, consent, erasure
MONITORING = (ME_OFFICER, ADMIN)  # aggregate counts only, never a record
TRAINING_STAFF = (TRAINER, ADMIN)
GRANT_STAFF = (GRANT_OFFICER, FINANCE_OFFICER, ADMIN)
