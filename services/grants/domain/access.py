"""Who may do what in grants: the one table every view of grants checks (issue 11,
point 12). Grant officers set up programmes, score and decide; finance officers release
tranches and confirm payments (and reverse them); caseworkers draft and submit business
plans for the beneficiaries they work with; M&E staff read reports only. An
administrator may do what any of them may, and is held to the same four-eyes rules.

Roles say what kind of work a person may do; the four-eyes rules (``decisions``,
``tranches``) say which person may do it to which grant, and hold admins too.
"""

from __future__ import annotations

from shared.roles import ADMIN, CASEWORKER, FINANCE_OFFICER, GRANT_OFFICER, ME_OFFICER

SET_UP_PROGRAMMES = "set up programmes"
RECORD_RATES = "record exchange rates"
READ_PROGRAMMES = "read programmes and envelopes"
KEEP_SUPPLIERS = "register suppliers"
READ_SUPPLIERS = "read suppliers"
DRAFT = "draft, edit, submit and withdraw applications, add documents"
READ_APPLICATIONS = "read applications"
SCORE = "score business plans"
DECIDE = "decide on business plans"
PAY = "release tranches, confirm and reverse payments"
VISIT = "record monitoring visits"
READ_GRANTS = "read grants and tranches"
REPORT = "read reports"

MAY: dict[str, tuple[str, ...]] = {
    SET_UP_PROGRAMMES: (GRANT_OFFICER, ADMIN),
    RECORD_RATES: (GRANT_OFFICER, FINANCE_OFFICER, ADMIN),
    READ_PROGRAMMES: (GRANT_OFFICER, FINANCE_OFFICER, CASEWORKER, ADMIN),
    KEEP_SUPPLIERS: (GRANT_OFFICER, FINANCE_OFFICER, ADMIN),
    READ_SUPPLIERS: (GRANT_OFFICER, FINANCE_OFFICER, CASEWORKER, ADMIN),
    DRAFT: (CASEWORKER, ADMIN),
    READ_APPLICATIONS: (CASEWORKER, GRANT_OFFICER, FINANCE_OFFICER, ADMIN),
    SCORE: (GRANT_OFFICER, ADMIN),
    DECIDE: (GRANT_OFFICER, ADMIN),
    PAY: (FINANCE_OFFICER, ADMIN),
    VISIT: (GRANT_OFFICER, ADMIN),
    READ_GRANTS: (GRANT_OFFICER, FINANCE_OFFICER, CASEWORKER, ADMIN),
    REPORT: (ME_OFFICER, ADMIN),
}


def drafted_by_someone_else(roles: frozenset[str], user: str, drafted_by: str) -> bool:
    """A caseworker works on the plans they drafted (grants keeps no caseload, so the
    drafter stands for the beneficiary's caseworker); an administrator on any."""
    return ADMIN not in roles and user != drafted_by
