"""Valid sample data for every contract grants publishes, one entry per (type, version)."""

from shared.events.contracts.grants import (
    APPLICATION_APPROVED,
    APPLICATION_CHANGES_REQUESTED,
    APPLICATION_REJECTED,
    APPLICATION_SUBMITTED,
    GRANT_CLOSED,
    TRANCHE_PAID,
    TRANCHE_RELEASED,
)

_APPLICATION = {
    "application_id": "3f1e2d3c-4b5a-4968-8776-655443322110",
    "programme_id": "8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d",
    "beneficiary_id": "0b5f5a3e-6c1e-4c8e-9f43-2d0c1f6f9a11",
}
_TRANCHE = {
    "tranche_id": "c0ffee00-1234-4abc-8def-0123456789ab",
    "grant_id": "6d5c4b3a-2f1e-4d0c-9b8a-7f6e5d4c3b2a",
    "beneficiary_id": _APPLICATION["beneficiary_id"],
    "sequence": 1, "amount": "70000.00", "currency": "UAH",
}

GRANTS_SAMPLES = {
    (APPLICATION_SUBMITTED, 1): {**_APPLICATION, "requested_amount": "100000.00",
                                 "currency": "UAH", "sector": "C", "oblast": "UA-46"},
    (APPLICATION_CHANGES_REQUESTED, 1): _APPLICATION,
    (APPLICATION_APPROVED, 1): {**_APPLICATION, "grant_id": _TRANCHE["grant_id"],
                                "amount": "100000.00", "currency": "UAH",
                                "funding_amount": "25974.03", "funding_currency": "NOK",
                                "rate": "3.85", "tranches": 2},
    (APPLICATION_REJECTED, 1): _APPLICATION,
    (TRANCHE_RELEASED, 1): {**_TRANCHE, "payee": "supplier",
                            "supplier_id": "9e8d7c6b-5a49-4837-a625-1403f2e1d0c9",
                            "released_at": "2027-05-02T09:30:00+00:00"},
    (TRANCHE_PAID, 1): {**_TRANCHE, "paid_on": "2027-05-03", "funding_amount": "18181.82",
                        "funding_currency": "NOK", "rate": "3.85"},
    (GRANT_CLOSED, 1): {"grant_id": _TRANCHE["grant_id"],
                        "programme_id": _APPLICATION["programme_id"],
                        "beneficiary_id": _APPLICATION["beneficiary_id"],
                        "paid_amount": "100000.00", "currency": "UAH",
                        "closed_at": "2027-09-01T12:00:00+00:00"},
}
