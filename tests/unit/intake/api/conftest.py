"""Fixtures of the report tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def register(client, bearer):
    """Registers a beneficiary through the API, as a caseworker; returns the summary."""

    def registered(body: dict) -> dict:
        response = client.post("/beneficiaries", json=body, headers=bearer("caseworker"))
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return registered
