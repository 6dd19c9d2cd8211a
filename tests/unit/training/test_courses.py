"""Courses: their fields and completion rule, checked; who may write them."""

from __future__ import annotations

from tests.support.training import course_body


def test_a_course_is_created_with_its_completion_rule(world):
    answer = world.client.post("/courses", json=course_body(
        completion={"min_attendance_percent": 75, "assessment_required": True, "pass_mark": 60}),
        headers=world.as_("trainer"))
    assert answer.status_code == 201
    assert answer.json["completion"] == {"min_attendance_percent": 75, "assessment_required": True,
                                         "pass_mark": 60}
    assert answer.json["hours"] == 24.0
    shown = world.client.get(f"/courses/{answer.json['id']}", headers=world.as_("caseworker"))
    assert shown.json == answer.json


def test_a_category_outside_the_list_is_refused_naming_the_allowed(world):
    answer = world.client.post("/courses", json=course_body(category="cooking"),
                               headers=world.as_("admin"))
    assert answer.status_code == 422
    assert "business_skills" in str(answer.json["errors"]["json"]["category"])


def test_an_assessment_without_a_pass_mark_is_refused_naming_the_pass_mark(world):
    answer = world.client.post("/courses", json=course_body(
        completion={"min_attendance_percent": 80, "assessment_required": True}),
        headers=world.as_("admin"))
    assert answer.status_code == 422
    assert list(answer.json["errors"]["json"]) == ["pass_mark"]


def test_a_change_to_part_of_the_rule_keeps_the_rest(world):
    course = world.course(completion={"min_attendance_percent": 80, "assessment_required": True,
                                      "pass_mark": 50})
    answer = world.client.patch(f"/courses/{course['id']}",
                                json={"completion": {"pass_mark": 70}}, headers=world.as_("admin"))
    assert answer.status_code == 200, answer.json
    assert answer.json["completion"] == {"min_attendance_percent": 80, "assessment_required": True,
                                         "pass_mark": 70}


def test_an_me_officer_may_not_read_courses(world):
    assert world.client.get("/courses", headers=world.as_("me_officer")).status_code == 403


def test_courses_are_listed_by_category(world):
    world.course(title="Welding", category="vocational")
    world.course(title="Bookkeeping")
    answer = world.client.get("/courses?category=vocational", headers=world.as_("trainer"))
    assert [c["title"] for c in answer.json] == ["Welding"]
