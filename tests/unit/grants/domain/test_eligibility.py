"""Eligibility names each unmet condition, all at once."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from services.grants.domain.eligibility import Facts, check_eligible, unmet
from services.grants.domain.errors import NotEligible

PERSON = {"erased_at": None, "case_management_consent": True}


def facts(**changes) -> Facts:
    base = {"beneficiary": PERSON, "course_category": "business_skills",
            "min_hours": Decimal(20), "completed_hours": (Decimal(36),), "other_active": 0,
            "requested": Decimal("80000.00"), "cap": Decimal("100000.00"), "currency": "UAH"}
    return Facts(**{**base, **changes})


def test_an_eligible_beneficiary_meets_every_condition():
    assert unmet(facts()) == []
    check_eligible(facts())


def test_a_request_exactly_at_the_cap_is_within_it():
    assert unmet(facts(requested=Decimal("100000.00"))) == []


def test_every_unmet_condition_is_named_together():
    erased = {"erased_at": datetime.now(UTC), "case_management_consent": False}
    with pytest.raises(NotEligible) as refused:
        check_eligible(facts(beneficiary=erased, completed_hours=(), other_active=1,
                             requested=Decimal("100000.01")))
    assert [c["rule"] for c in refused.value.errors["conditions"]] == [
        "not_erased", "consenting", "completed_required_course", "no_other_active_grant",
        "within_cap"]


def test_consent_not_yet_known_is_not_consent():
    assert [c["rule"] for c in unmet(facts(beneficiary={**PERSON, "case_management_consent": None}))
            ] == ["consenting"]
