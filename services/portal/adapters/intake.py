"""Intake's API as the portal uses it: registration, audited search and reads, consent,
imports and indicators. Every search and read sends the reason the caseworker gave."""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from services.portal.adapters.http import Download, ServiceClient


@dataclass
class IntakeApi:
    client: ServiceClient
    import_timeout: float

    def register(self, body: dict) -> dict:
        return self.client.post("/beneficiaries", body)

    def search(self, query: dict, reason: str) -> list[dict]:
        return self.client.get("/beneficiaries", {**query, "reason": reason})

    def read(self, beneficiary_id: str, reason: str) -> dict:
        return self.client.get(f"/beneficiaries/{beneficiary_id}", {"reason": reason})

    def consents(self, beneficiary_id: str) -> dict:
        return self.client.get(f"/beneficiaries/{beneficiary_id}/consents")

    def change_consent(self, beneficiary_id: str, change: dict) -> dict:
        return self.client.post(f"/beneficiaries/{beneficiary_id}/consents", change)

    def imports(self, limit: int = 20) -> list[dict]:
        return self.client.get("/imports", {"limit": limit})

    def import_of(self, import_id: str) -> dict:
        return self.client.get(f"/imports/{import_id}")

    def upload(self, filename: str, stream: IO[bytes], language: str | None) -> dict:
        return self.client.upload("/imports", files={"file": (filename, stream)},
                                  data={"preferred_language": language} if language else None,
                                  timeout=self.import_timeout)

    def rejections(self, import_id: str) -> Download:
        return self.client.download(f"/imports/{import_id}/rejections.csv")

    def rejected_rows(self, import_id: str, limit: int) -> tuple[list[dict[str, str]], bool]:
        """The report's first ``limit`` lines (row, field, message), and whether more follow."""
        return self.client.csv_rows(f"/imports/{import_id}/rejections.csv", limit)

    def indicators(self, start, end, oblast: str | None = None) -> dict:
        return self.client.get("/reports/indicators", {"start": start, "end": end, "oblast": oblast})
