"""What grants' worker shows operators of each programme's envelope, read at each scrape:
the budget, and what grants committed and paid of it, in the funding currency (the
alert on an envelope above 90% committed compares the two). A programme's id is no
person's: it may be a label."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.grants.adapters import programmes
from shared.lost_connections import retried_once
from shared.observability.catalogue import ENVELOPE_BUDGET, ENVELOPE_COMMITTED, ENVELOPE_DISBURSED
from shared.observability.figures import Figure

if TYPE_CHECKING:
    from services.grants.bootstrap import Grants


@retried_once
def envelope_figures(grants: Grants) -> list[Figure]:
    with grants.reading() as session:
        rows = programmes.envelope_totals(session)
    return [Figure(spec, float(row[column]), (("programme_id", row["id"]),
                                              ("currency", row["funding_currency"])))
            for row in rows
            for spec, column in ((ENVELOPE_BUDGET, "envelope_total"),
                                 (ENVELOPE_COMMITTED, "committed_funding"),
                                 (ENVELOPE_DISBURSED, "disbursed_funding"))]
