"""A programme's envelope: the donor's money and what grants have taken of it.

Commitments are counted in the funding currency at the rate of their approval date,
disbursements at the rate of their payment date; each keeps the rate it used, so a later
rate never rewrites the past. What remains is the total less what is committed (a paid
tranche stays committed: it was part of its grant's commitment). A commitment that would
take more than remains is refused: the envelope is never overspent.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from services.grants.domain.errors import EnvelopeExhausted
from services.grants.domain.money import Money, to_local


@dataclass(frozen=True)
class Envelope:
    total: Money  # funding currency
    committed: Money  # funding currency, at approval rates
    committed_local: Money
    disbursed: Money  # funding currency, at payment rates
    disbursed_local: Money

    @property
    def remaining(self) -> Money:
        return self.total - self.committed

    def remaining_local(self, rate: Decimal | None, local_currency: str) -> Money | None:
        """What remains, in the local currency at ``rate`` (the latest recorded), if any."""
        return None if rate is None else to_local(self.remaining, rate, local_currency)

    def check_room_for(self, commitment: Money) -> None:
        """Refuse a commitment the envelope cannot take whole."""
        if commitment > self.remaining:
            raise EnvelopeExhausted(commitment, self.remaining)
