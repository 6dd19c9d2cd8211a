"""Who may do what (issue 11, point 12): one table; grant officers score and decide,
finance officers release and confirm, caseworkers draft and submit, M&E reads reports
only; every grants view takes its roles from that table."""

from __future__ import annotations

import pytest

from services.grants.domain.access import DECIDE, DRAFT, MAY, PAY, REPORT, SCORE
from shared.roles import ADMIN, CASEWORKER, FINANCE_OFFICER, GRANT_OFFICER, ME_OFFICER

HTTP_METHODS = {"get", "post", "patch", "put", "delete"}


def actions_of(role: str) -> set[str]:
    return {action for action, roles in MAY.items() if role in roles}


def test_grant_officers_score_and_decide_but_do_not_pay():
    assert {SCORE, DECIDE} <= actions_of(GRANT_OFFICER)
    assert PAY not in actions_of(GRANT_OFFICER) and DRAFT not in actions_of(GRANT_OFFICER)


def test_finance_officers_release_and_confirm_but_do_not_score_or_decide():
    assert PAY in actions_of(FINANCE_OFFICER)
    assert not {SCORE, DECIDE, DRAFT} & actions_of(FINANCE_OFFICER)


def test_caseworkers_draft_and_submit_and_nothing_that_moves_money():
    assert DRAFT in actions_of(CASEWORKER)
    assert not {SCORE, DECIDE, PAY, REPORT} & actions_of(CASEWORKER)


def test_m_and_e_read_reports_only():
    assert actions_of(ME_OFFICER) == {REPORT}


def test_an_administrator_may_do_everything():
    assert actions_of(ADMIN) == set(MAY)


@pytest.fixture
def spec(api):
    return api.get("/openapi.json").get_json()


def test_every_grants_view_takes_its_roles_from_the_table(spec):
    allowed = {f"Roles: {', '.join(roles)}." for roles in MAY.values()}
    views = {(path, method): op for path, ops in spec["paths"].items()
             if not path.startswith(("/healthz", "/readyz", "/beneficiaries"))
             for method, op in ops.items() if method in HTTP_METHODS}
    assert len(views) > 20
    off_table = {view for view, op in views.items()
                 if not any(line in op.get("description", "") for line in allowed)}
    assert off_table == set()
