"""The portal's own rules: what a finance officer and a grant officer are shown before
the click, the attendance sheet, the charts, the registration body."""

from __future__ import annotations

from services.portal.domain import attendance, registration, release
from services.portal.domain.charts import bar_chart
from services.portal.domain.four_eyes import decision_checks


def grant(**overrides):
    return {"approvers": ["ann"], "approved_on": "2027-01-10", "monitoring_visits": [],
            "tranches": [{"sequence": 1, "status": "paid", "paid_on": "2027-02-01"},
                         {"sequence": 2, "status": "pending", "monitoring_visit": True}], **overrides}


def test_a_tranche_waits_for_a_visit_after_the_last_payment_finding_the_business_operating():
    tranche = grant()["tranches"][1]
    unmet = release.conditions("bob", grant(), tranche)
    assert {c.rule: c.met for c in unmet}["monitoring_visit"] is False
    visited = grant(monitoring_visits=[{"date": "2027-03-01", "business_operating": True}])
    assert all(c.met for c in release.conditions("bob", visited, tranche))


def test_the_officer_who_approved_a_grant_is_shown_they_may_not_release_it():
    checks = {c.rule: c.met for c in release.conditions("ann", grant(), grant()["tranches"][1])}
    assert checks["releaser_not_approver"] is False


def test_the_officer_who_scored_a_plan_is_shown_they_may_not_decide_on_it():
    standing = {"reviews": [{"reviewer": "ann"}], "reviews_required": 1, "passes": True}
    state = {"approvals": [], "approvers_needed": 1}
    checks = {c.rule: c.met for c in decision_checks("ann", standing, state)}
    assert checks == {"reviews_required": True, "decider_not_reviewer": False, "pass_mark": True,
                      "second_approver_differs": True}


def test_the_attendance_sheet_lists_those_holding_a_seat_and_asks_again_for_an_unmarked_one():
    roster = [{"id": "e1", "beneficiary_id": "b1", "status": "enrolled"},
              {"id": "e2", "beneficiary_id": "b2", "status": "waitlisted"},
              {"id": "e3", "beneficiary_id": "b3", "status": "completed"}]
    lines = attendance.sheet(roster, {"marks": [{"enrolment_id": "e3", "mark": "present"}]})
    assert [(line.enrolment_id, line.mark) for line in lines] == [("e1", None), ("e3", "present")]
    marks, missing = attendance.marks_from({"mark-e3": "absent"}, lines)
    assert marks == [{"enrolment_id": "e3", "mark": "absent"}] and missing == ["e1"]


def test_a_suppressed_count_has_no_bar_and_the_largest_fills_the_width():
    chart = bar_chart("By sex", [("Feminine", 40), ("Masculine", None), ("other", 10)])
    assert [bar.suppressed for bar in chart.bars] == [False, True, False]
    assert chart.bars[0].width == 240 and chart.bars[1].width == 0 and chart.bars[2].width == 60


def test_the_registration_body_leaves_blank_fields_out_and_nests_the_rest():
    body = registration.registration_body(
        {"person.first_name": "Olena", "person.second_name": " ", "nrm.status": "applied",
         "preferred_language": "uk", "consent_method": "written"},
        {"victim.types_of_exploitation": ["ForcedLabour"]}, ["case_management"], override=False)
    assert body == {"person": {"first_name": "Olena"}, "nrm": {"status": "applied"},
                    "preferred_language": "uk", "victim": {"types_of_exploitation": ["ForcedLabour"]},
                    "consents": [{"purpose": "case_management", "granted": True, "method": "written"}]}


def test_the_registration_forms_choices_are_intakes_picklist_values():
    from services.intake.domain import htcds_picklists, nrm

    assert set(registration.TRAFFICKING_STATUSES) == set(htcds_picklists.TRAFFICKING_STATUS.values)
    assert set(registration.EXPLOITATION_TYPES) == set(htcds_picklists.EXPLOITATION_TYPE.values)
    assert set(registration.NRM_STATUSES) == set(nrm.NRM_STATUSES)


def test_a_search_by_code_asks_intake_for_the_code_alone():
    from services.portal.domain.search import read_query

    query = read_query({"code": " VN-7K3F9-QX2MP ", "first_name": "Olena", "phone": ""})

    assert query.as_params() == {"code": "VN-7K3F9-QX2MP"}
    assert read_query({"first_name": "Olena", "code": ""}).as_params() == {"first_name": "Olena"}
