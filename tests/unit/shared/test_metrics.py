"""The process's instruments, on prometheus_client: one per name in a process, counted per
combination of labels, every series carrying its service."""

import pytest

from shared.metrics import Metrics, Spec

THINGS = Spec("counter", "vidnova_things_total", "things", ("kind",))


def test_a_counter_counts_each_combination_of_labels_apart():
    counter = Metrics().get(THINGS)

    counter.inc(2, kind="a")
    counter.inc(kind="a")
    counter.inc(5, kind="b")

    assert (counter.value(kind="a"), counter.value(kind="b"), counter.value(kind="c")) == (3, 5, 0)


def test_asking_twice_for_a_counter_gives_the_same_one():
    metrics = Metrics()
    metrics.counter("vidnova_things_total", "things").inc(4)

    assert metrics.counter("vidnova_things_total", "things").value() == 4
    assert metrics.samples() == [("vidnova_things_total", {}, 4)]


def test_two_processes_metrics_never_add_into_each_other():
    one, other = Metrics("intake", [THINGS]), Metrics("intake", [THINGS])

    one.get(THINGS).inc(kind="a")

    assert other.get(THINGS).value(kind="a") == 0


def test_every_series_carries_the_service_it_counts_for():
    metrics = Metrics("grants", [THINGS])
    metrics.get(THINGS).inc(kind="a")

    [family] = [f for f in metrics.registry.collect() if f.name == "vidnova_things"]
    assert [sample.labels for sample in family.samples] == [{"service": "grants", "kind": "a"}]


def test_a_label_not_declared_is_refused():
    with pytest.raises(ValueError):
        Metrics("intake", [THINGS]).get(THINGS).inc(kind="a", person="someone")


def test_a_counter_only_goes_up():
    with pytest.raises(ValueError):
        Metrics().counter("vidnova_things_total", "things").inc(-1)


@pytest.mark.parametrize("name", ["things", "vidnova things_total", "9lives_total"])
def test_a_counter_is_named_as_prometheus_would_name_it(name):
    with pytest.raises(ValueError):
        Metrics().counter(name, "badly named")
