"""A grant's tranches as a finance officer sees them: which are ready for release, with
each condition met or not for this officer, and which wait for the bank's confirmation.

The conditions are grants' (``release`` refuses a tranche that breaks one, naming it);
they are shown before the click so nobody clicks to learn them:

- the officer did not approve the grant;
- the tranche before it is paid (or reversed);
- where the agreement asks, a monitoring visit since the last payment (or the approval)
  found the business operating;
- a tranche to a supplier is released against its invoice (asked on the next screen).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PENDING, RELEASED, PAID, REVERSED = "pending", "released", "paid", "reversed"
SETTLED = (PAID, REVERSED)


@dataclass(frozen=True)
class Condition:
    rule: str
    met: bool


@dataclass(frozen=True)
class TrancheView:
    grant: dict
    tranche: dict
    conditions: list[Condition] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return all(condition.met for condition in self.conditions)

    @property
    def needs_invoice(self) -> bool:
        return self.tranche.get("payee") == "supplier"


def conditions(officer: str, grant: dict, tranche: dict) -> list[Condition]:
    earlier = [t for t in grant["tranches"] if t["sequence"] < tranche["sequence"]]
    previous = max(earlier, key=lambda t: t["sequence"]) if earlier else None
    found = [Condition("releaser_not_approver", officer not in grant.get("approvers", [])),
             Condition("previous_tranche_paid", previous is None or previous["status"] in SETTLED)]
    if tranche.get("monitoring_visit"):
        since = (previous or {}).get("paid_on") or grant.get("approved_on") or ""
        found.append(Condition("monitoring_visit", any(
            visit["business_operating"] and visit["date"] >= since
            for visit in grant.get("monitoring_visits", []))))
    return found


def for_release(officer: str, grants: list[dict]) -> list[TrancheView]:
    """Every pending tranche of the active grants, its conditions judged for ``officer``."""
    return [TrancheView(grant, tranche, conditions(officer, grant, tranche))
            for grant in grants for tranche in grant["tranches"] if tranche["status"] == PENDING]


def awaiting_payment(grants: list[dict]) -> list[TrancheView]:
    """Released tranches whose payment the bank has yet to confirm."""
    return [TrancheView(grant, tranche) for grant in grants for tranche in grant["tranches"]
            if tranche["status"] == RELEASED]
