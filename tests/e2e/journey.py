"""The beneficiary journey as far as the backbone goes, over HTTP only."""

from __future__ import annotations

import requests

from tests.support.registrations import registration
from tests.support.waiting import eventually


def register_and_follow(urls: dict[str, str], token) -> dict:
    """Register someone at intake; return what training, grants and notifications then hold."""
    body = registration()
    created = requests.post(f"{urls['intake']}/beneficiaries", json=body,
                            headers=token("caseworker"), timeout=10)
    assert created.status_code == 201, created.text
    beneficiary_id = created.json()["id"]

    def seen(service: str, path: str, role: str):
        response = requests.get(f"{urls[service]}{path}", headers=token(role), timeout=10)
        return response.json() if response.status_code == 200 and response.json() else None

    return {
        "id": beneficiary_id,
        "registered": body,
        "training": eventually(lambda: seen("training", f"/beneficiaries/{beneficiary_id}",
                                            "trainer"), timeout=30, what="training"),
        "grants": eventually(lambda: seen("grants", f"/beneficiaries/{beneficiary_id}",
                                          "grant_officer"), timeout=30, what="grants"),
        "messages": eventually(lambda: seen("notifications",
                                            f"/beneficiaries/{beneficiary_id}/messages",
                                            "caseworker"), timeout=30, what="notifications"),
    }
