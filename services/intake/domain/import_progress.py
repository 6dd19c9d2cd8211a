"""How far an import is and what became of its rows."""

from __future__ import annotations

from dataclasses import asdict, dataclass

RUNNING, DONE, FAILED = "running", "done", "failed"
STATUSES = (RUNNING, DONE, FAILED)
REGISTERED, REJECTED, DUPLICATES = "registered", "rejected", "duplicates"  # names of counts


@dataclass
class Counts:
    """Rows taken so far, and what became of them; ``total_rows`` is the sum of
    ``registered``, ``rejected`` and ``duplicates``. ``unresolved_regions`` counts, among
    the registered, those whose typed state was not read as a region: not an error (the
    state is kept as typed), but they count as unknown in the indicators until it is
    corrected."""

    total_rows: int = 0
    registered: int = 0
    rejected: int = 0
    duplicates: int = 0
    unresolved_regions: int = 0

    @classmethod
    def of(cls, record: dict) -> Counts:
        return cls(**{name: record[name] for name in asdict(cls())})

    def count(self, outcome: str) -> None:
        """One more row, whose outcome is the name of its count."""
        self.total_rows += 1
        setattr(self, outcome, getattr(self, outcome) + 1)
