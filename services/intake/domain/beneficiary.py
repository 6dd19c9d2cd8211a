"""A registered beneficiary: for now the minimal, non-identifying record."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from shared.clock import utcnow


@dataclass(frozen=True)
class Beneficiary:
    sex: str
    age_band: str
    preferred_language: str
    region: str | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    registered_at: datetime = field(default_factory=utcnow)
    registered_by: str = ""

    def public_attributes(self) -> dict:
        """What other services may know: the opaque id and non-identifying attributes."""
        return {"beneficiary_id": self.id, "region": self.region, "sex": self.sex,
                "age_band": self.age_band, "preferred_language": self.preferred_language}
