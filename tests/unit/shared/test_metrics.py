"""In-process counters, named as Prometheus names them, one per name in a process."""

import pytest

from shared.metrics import Metrics


def test_a_counter_counts_each_combination_of_labels_apart():
    counter = Metrics().counter("vidnova_things_total", "things")

    counter.inc(2, kind="a")
    counter.inc(kind="a")
    counter.inc(5, kind="b")

    assert (counter.value(kind="a"), counter.value(kind="b"), counter.value(kind="c")) == (3, 5, 0)


def test_asking_twice_for_a_counter_gives_the_same_one():
    metrics = Metrics()
    metrics.counter("vidnova_things_total", "things").inc(4)

    assert metrics.counter("vidnova_things_total", "things").value() == 4
    assert metrics.samples() == [("vidnova_things_total", {}, 4)]


def test_a_counter_only_goes_up():
    with pytest.raises(ValueError):
        Metrics().counter("vidnova_things_total", "things").inc(-1)


@pytest.mark.parametrize("name", ["things", "vidnova things_total", "9lives_total"])
def test_a_counter_is_named_as_prometheus_would_name_it(name):
    with pytest.raises(ValueError):
        Metrics().counter(name, "badly named")
