"""Grants' worker shows each programme's envelope, and what is committed and paid of it,
labelled by programme id and funding currency (a programme is not a person)."""

from services.grants.service import SERVICE
from shared.observability.collector import WorkerFigures
from shared.observability.figures import outbox_figures

ENVELOPE = "vidnova_grants_envelope_"


def figures(grants_runtime) -> dict[tuple, float]:
    """The envelope figures grants' worker would expose when scraped."""
    collector = WorkerFigures("grants", lambda: outbox_figures(grants_runtime.db, SERVICE.messaging),
                              read_own=lambda: SERVICE.figures(grants_runtime))
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in collector.collect() for sample in family.samples
            if sample.name.startswith(ENVELOPE)}


def test_each_programmes_envelope_is_shown_in_its_funding_currency(programme, grants_runtime):
    created = programme()

    found = figures(grants_runtime)

    labels = (("currency", "NOK"), ("programme_id", created["id"]), ("service", "grants"))
    assert found[("vidnova_grants_envelope_budget", labels)] == 1_000_000
    assert found[("vidnova_grants_envelope_committed", labels)] == 0
    assert found[("vidnova_grants_envelope_disbursed", labels)] == 0


def test_no_programme_no_envelope_figures(grants_runtime):
    assert figures(grants_runtime) == {}
