"""Runs of absences: what counts as consecutive, and which runs are followed up."""

from services.training.domain.attendance import absence_runs, runs_to_follow_up


def test_a_presence_ends_a_run():
    marks = [("s1", "absent"), ("s2", "absent"), ("s3", "present"), ("s4", "absent")]
    assert [run.sessions for run in absence_runs(marks)] == [("s1", "s2"), ("s4",)]


def test_an_excused_absence_neither_breaks_nor_lengthens_a_run():
    marks = [("s1", "absent"), ("s2", "excused"), ("s3", "absent")]
    assert [run.sessions for run in absence_runs(marks)] == [("s1", "s3")]


def test_a_run_reaching_the_threshold_is_followed_up():
    marks = [("s1", "present"), ("s2", "absent"), ("s3", "absent")]
    assert [run.sessions for run in runs_to_follow_up(marks, 2, set())] == [("s2", "s3")]


def test_a_run_is_followed_up_once_however_long_it_grows():
    marks = [("s1", "absent"), ("s2", "absent"), ("s3", "absent")]
    assert runs_to_follow_up(marks, 2, {"s1", "s2"}) == []


def test_a_new_run_after_a_presence_is_followed_up_again():
    marks = [("s1", "absent"), ("s2", "absent"), ("s3", "present"), ("s4", "absent"), ("s5", "absent")]
    assert [run.sessions for run in runs_to_follow_up(marks, 2, {"s1", "s2"})] == [("s4", "s5")]


def test_a_run_under_the_threshold_is_not_followed_up():
    assert runs_to_follow_up([("s1", "absent"), ("s2", "present")], 2, set()) == []
