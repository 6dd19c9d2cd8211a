"""The load bench's arithmetic: peak depths over samples, when a (possibly long) welcome
SMS reached the number, and a phase's figures from its journeys."""

from __future__ import annotations

import math

from bench.load.depths import peaks
from bench.load.figures import arrived_at, phase
from bench.load.journeys import Timed
from tests.support.sms_expectations import expected_text, parts_of

WELCOME_UK = expected_text("welcome", "uk", {})


def halves(text: str) -> tuple[str, str]:
    """A two-part text split where the fake SMSC's lines would split it."""
    assert parts_of(text) == 2
    for cut in range(1, len(text)):
        if parts_of(text[:cut]) == 1 and parts_of(text[cut:]) == 1 and cut >= len(text) // 2:
            return text[:cut], text[cut:]
    raise AssertionError("no cut")


def test_peaks_keep_the_highest_of_each_measure_however_the_samples_come():
    samples = [{"queue a": 3, "outbox b": 0}, {"queue a": 9, "outbox b": 2}, {"queue a": 1},
               {"outbox b": 1, "connections": 40}]
    assert peaks(samples) == {"queue a": 9, "outbox b": 2, "connections": 40}
    assert peaks([]) == {}


def test_a_one_part_sms_arrives_with_its_line():
    welcome = expected_text("welcome", "en", {})
    assert arrived_at([(1.0, "Something else"), (2.5, welcome), (3.0, welcome)], welcome) == 2.5


def test_a_long_sms_arrives_with_its_last_part_whatever_their_order():
    first, second = halves(WELCOME_UK)
    assert arrived_at([(1.0, second), (1.2, "other"), (1.4, first)], WELCOME_UK) == 1.4
    assert arrived_at([(1.0, first)], WELCOME_UK) is None


def test_a_short_part_of_another_sms_that_reads_like_a_piece_is_not_taken_for_it():
    first, second = halves(WELCOME_UK)
    stray = second[-3:]  # another message's tail that happens to occur in the welcome
    assert arrived_at([(0.5, stray), (1.0, first), (2.0, second)], WELCOME_UK) == 2.0


def test_a_phase_counts_journeys_welcomes_and_sms_of_the_completed_people_only():
    en = expected_text("welcome", "en", {})
    people = [Timed("+1", "en", 10.0, 14.0, (en, "Enrolled.")),
              Timed("+2", "en", 11.0, 16.0, (en, "Enrolled.")),
              Timed("+3", "en", 12.0, math.nan, (en,), "AssertionError: 500")]
    got = {"+1": [(10.3, en), (13.0, "Enrolled.")], "+2": [(11.9, en), (17.0, "Enrolled.")],
           "+3": [(12.5, en)]}
    figures = phase(people, clients=2, got=got, peaks={"queue a": 4})
    assert (figures.completed, figures.seconds, figures.journeys_per_second) == (2, 6.0, 2 / 6)
    assert [round(ms) for ms in figures.welcome_ms] == [300, 900]
    assert round(figures.welcome_p99_ms) == 900
    assert (figures.sms_expected, figures.sms_arrived) == (4, 4)
    assert figures.sms_settled_seconds == 1.0
    assert figures.failures == ["AssertionError: 500"]


def test_a_phase_reports_how_long_its_welcomes_waited_in_notifications():
    en = expected_text("welcome", "en", {})
    people = [Timed("+1", "en", 10.0, 14.0, (en,))]
    figures = phase(people, clients=1, got={"+1": [(10.3, en)]}, peaks={},
                    welcome_queued_ms=[40.0, 5.0, 900.0])
    assert figures.as_dict()["welcome_queued_ms"] == {"p50": 40.0, "p99": 900.0, "measured": 3}
