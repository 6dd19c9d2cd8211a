"""The training report's figures, and what is suppressed."""

from datetime import date

from services.training.domain.report import PlacementGroup, report

DAY = date(2027, 3, 1)


def group(oblast="UA-46", sex="Feminine", status="enrolled", placements=10, present=0, marked=0,
          course="Welding", category="vocational"):
    return PlacementGroup(course=course, category=category, oblast=oblast, sex=sex, age_band="25-34",
                          status=status, seated=status != "waitlisted", placements=placements,
                          present=present, marked=marked)


def line(result, dimension, value):
    return next(line for line in result.dimensions[dimension] if line.value == value)


def test_rates_are_completions_over_seats_and_presence_over_marks():
    result = report([group(status="completed", placements=6, present=50, marked=60),
                     group(status="enrolled", placements=6, present=20, marked=40)], DAY, DAY)
    total = result.total
    assert (total.enrolled, total.completed, total.completion_rate) == (12, 6, 0.5)
    assert total.attendance_rate == 0.7


def test_a_small_count_and_its_complement_are_suppressed_with_their_rates():
    result = report([group(oblast="UA-46", placements=20), group(oblast="UA-32", placements=3),
                     group(oblast="UA-12", placements=9)], DAY, DAY)
    small, complement = line(result, "oblast", "UA-32"), line(result, "oblast", "UA-12")
    assert small.enrolled is None and "enrolled" in small.suppressed
    assert small.completion_rate is None and small.attendance_rate is None
    assert complement.enrolled is None  # else the total minus the others gives UA-32 back
    assert line(result, "oblast", "UA-46").enrolled == 20


def test_a_small_completed_count_hides_the_completion_rate_that_would_give_it_back():
    result = report([group(sex="Feminine", status="enrolled", placements=18),
                     group(sex="Feminine", status="completed", placements=2),
                     group(sex="Masculine", status="completed", placements=12)], DAY, DAY)
    women = line(result, "sex", "Feminine")
    assert women.enrolled == 20 and women.completed is None and women.completion_rate is None


def test_waitlisted_people_are_counted_apart_from_seats():
    result = report([group(status="waitlisted", placements=7), group(placements=10)], DAY, DAY)
    assert (result.total.enrolled, result.total.waitlisted) == (10, 7)


def test_a_missing_attribute_counts_as_unknown():
    result = report([group(sex=None, placements=8)], DAY, DAY)
    assert [line.value for line in result.dimensions["sex"]] == ["unknown"]
