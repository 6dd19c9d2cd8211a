"""Uploading import files through the API, and reading back what was stored (tests only)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from services.intake.adapters.tables import beneficiaries
from tests.support.intake.queries import rows


def upload(client, bearer, path: Path, language: str | None = "uk", role: str = "caseworker"):
    """POST the file to ``/imports``; ``language`` None sends no ``preferred_language``."""
    with open(path, "rb") as file:
        data = {"file": (file, path.name), **({"preferred_language": language} if language else {})}
        return client.post("/imports", data=data, headers=bearer(role, user="cw-1"),
                           content_type="multipart/form-data")


def report(client, bearer, import_id: str) -> list[list[str]]:
    response = client.get(f"/imports/{import_id}/rejections.csv", headers=bearer("caseworker"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def counts(body: dict) -> tuple[int, int, int, int]:
    """(rows, registered, rejected, duplicates)"""
    return body["total_rows"], body["registered"], body["rejected"], body["duplicates"]


def beneficiary_count(settings) -> int:
    return len(rows(settings, beneficiaries))
