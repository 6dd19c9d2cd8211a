"""Every metric is declared once, with labels whose values are bounded and name nobody."""

from shared.observability import catalogue

# What a label may be: none is a person's id or a value typed about a person.
LABELS = {"route", "method", "status", "event_type", "outcome", "queue", "source",
          "beneficiary",  # whose orphan key: "none" or "erased", never who
          "channel", "gateway", "error", "programme_id", "currency"}


def test_every_label_is_one_that_names_nobody():
    for spec in catalogue.EVERYTHING:
        assert set(spec.labels) <= LABELS, spec.name


def test_every_metric_is_declared_once_under_the_platforms_prefix():
    names = [spec.name for spec in catalogue.EVERYTHING]

    assert len(names) == len(set(names))
    assert all(name.startswith("vidnova_") for name in names)


def test_a_service_declares_the_platforms_instruments_and_only_its_own_besides():
    intake = {spec.name for spec in catalogue.instruments_for("intake")}

    assert catalogue.HTTP_REQUESTS.name in intake and catalogue.IMPORT_ROWS.name in intake
    assert catalogue.NOTIFICATION_MESSAGES.name not in intake
