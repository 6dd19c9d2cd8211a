"""A beneficiary's status: registered and reachable, or erased (their data key destroyed,
only anonymous attributes left)."""

ACTIVE, ERASED = "active", "erased"
