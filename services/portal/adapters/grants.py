"""Grants' API as the portal uses it: the application queue, plans with their budget
and documents, reviews, decisions, grants, tranches, and the budget and grants reports."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.adapters.http import Download, ServiceClient


@dataclass
class GrantsApi:
    client: ServiceClient

    def programmes(self) -> list[dict]:
        return self.client.get("/programmes")

    def programme(self, programme_id: str) -> dict:
        return self.client.get(f"/programmes/{programme_id}")

    def applications(self, status: str | None = None) -> list[dict]:
        return self.client.get("/applications", {"status": status})

    def application(self, application_id: str) -> dict:
        return self.client.get(f"/applications/{application_id}")

    def document(self, application_id: str, document_id: str) -> Download:
        return self.client.download(f"/applications/{application_id}/documents/{document_id}")

    def reviews(self, application_id: str) -> dict:
        return self.client.get(f"/applications/{application_id}/reviews")

    def review(self, application_id: str, review: dict) -> dict:
        return self.client.post(f"/applications/{application_id}/reviews", review)

    def decision(self, application_id: str) -> dict:
        return self.client.get(f"/applications/{application_id}/decision")

    def decide(self, application_id: str, decision: dict) -> dict:
        return self.client.post(f"/applications/{application_id}/decision", decision)

    def grants(self, status: str | None = None) -> list[dict]:
        return self.client.get("/grants", {"status": status})

    def grant(self, grant_id: str) -> dict:
        return self.client.get(f"/grants/{grant_id}")

    def release(self, tranche_id: str, idempotency_key: str, invoice_reference: str | None) -> dict:
        return self.client.post(f"/tranches/{tranche_id}/release",
                                {"invoice_reference": invoice_reference},
                                headers={"Idempotency-Key": idempotency_key})

    def confirm_payment(self, tranche_id: str, bank_reference: str, paid_on: str) -> dict:
        return self.client.post(f"/tranches/{tranche_id}/payment",
                                {"bank_reference": bank_reference, "paid_on": paid_on})

    def budget(self, oblast: str | None = None, csv: bool = False):
        if csv:
            return self.client.download("/reports/budget", {"format": "csv", "oblast": oblast})
        return self.client.get("/reports/budget", {"oblast": oblast})

    def grants_report(self, oblast: str | None = None, csv: bool = False):
        if csv:
            return self.client.download("/reports/grants", {"format": "csv", "oblast": oblast})
        return self.client.get("/reports/grants", {"oblast": oblast})
