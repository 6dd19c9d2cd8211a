"""Notifications' API as the portal uses it: a beneficiary's message history."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.adapters.http import ServiceClient


@dataclass
class NotificationsApi:
    client: ServiceClient

    def messages_of(self, beneficiary_id: str) -> list[dict]:
        return self.client.get(f"/beneficiaries/{beneficiary_id}/messages")
