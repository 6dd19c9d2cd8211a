"""Who may do what: trainers their own cohorts, caseworkers a beneficiary's enrolments,
M&E officers aggregates only, administrators everything."""

import pytest

from services.training.domain import access
from services.training.domain.access import ALL, OWN, WHO_MAY, Actor, may
from shared.roles import ADMIN, CASEWORKER, FINANCE_OFFICER, GRANT_OFFICER, ME_OFFICER, ROLES, TRAINER

TRAINERS = ("trainer-1",)


def actor(role: str, user: str = "someone") -> Actor:
    return Actor(user, frozenset({role}))


@pytest.mark.parametrize("action", list(WHO_MAY))
def test_an_administrator_may_do_everything_to_every_cohort(action):
    assert may(actor(ADMIN), action, TRAINERS)


@pytest.mark.parametrize("action", [a for a, roles in WHO_MAY.items() if roles.get(TRAINER) == access.OWN])
def test_a_trainer_acts_on_their_own_cohorts_only(action):
    assert may(actor(TRAINER, "trainer-1"), action, TRAINERS)
    assert not may(actor(TRAINER, "trainer-2"), action, TRAINERS)


def test_an_me_officer_reads_aggregates_and_nothing_else():
    allowed = [action for action in WHO_MAY if may(actor(ME_OFFICER), action, TRAINERS)]
    assert allowed == [access.READ_REPORTS]


def test_a_caseworker_sees_and_places_a_beneficiary_but_runs_no_cohort():
    caseworker = actor(CASEWORKER)
    assert may(caseworker, access.READ_BENEFICIARY_ENROLMENTS, TRAINERS)
    assert may(caseworker, access.ENROL, TRAINERS) and may(caseworker, access.WITHDRAW, TRAINERS)
    for action in (access.CHANGE_COHORT, access.MARK_ATTENDANCE, access.COMPLETE, access.READ_REPORTS):
        assert not may(caseworker, action, TRAINERS)


@pytest.mark.parametrize("role", [GRANT_OFFICER, FINANCE_OFFICER])
def test_grant_and_finance_staff_have_no_business_in_training(role):
    assert not any(may(actor(role), action, TRAINERS) for action in WHO_MAY)


def test_casework_prints_every_certificate_and_a_trainer_those_of_their_own_cohorts():
    assert WHO_MAY[access.PRINT_CERTIFICATE] == {CASEWORKER: ALL, ADMIN: ALL, TRAINER: OWN}
    assert may(actor(TRAINER, user="trainer-1"), access.PRINT_CERTIFICATE, ["trainer-1"])
    assert not may(actor(TRAINER, user="trainer-9"), access.PRINT_CERTIFICATE, ["trainer-1"])


def test_the_table_names_only_the_platforms_roles():
    assert {role for roles in WHO_MAY.values() for role in roles} <= set(ROLES)
