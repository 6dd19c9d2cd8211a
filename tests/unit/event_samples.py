"""Valid sample data for every registered event contract, one entry per (type, version)."""

from shared.events.contracts.intake import BENEFICIARY_REGISTERED

SAMPLES = {
    (BENEFICIARY_REGISTERED, 1): {
        "beneficiary_id": "0b5f5a3e-6c1e-4c8e-9f43-2d0c1f6f9a11",
        "region": "Kharkiv oblast",
        "sex": "Feminine",
        "age_band": "25-34",
        "preferred_language": "uk",
    },
}
