"""The staff roles of the platform: the one list every service checks against."""

CASEWORKER = "caseworker"
TRAINER = "trainer"
GRANT_OFFICER = "grant_officer"
FINANCE_OFFICER = "finance_officer"
ME_OFFICER = "me_officer"
ADMIN = "admin"

ROLES = (CASEWORKER, TRAINER, GRANT_OFFICER, FINANCE_OFFICER, ME_OFFICER, ADMIN)
