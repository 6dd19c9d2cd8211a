"""Valid sample data for every registered event contract, one entry per (type, version)."""

from shared.events.contracts.intake import (
    BENEFICIARY_CONSENT_CHANGED,
    BENEFICIARY_CONTACT_CHANGED,
    BENEFICIARY_ERASED,
    BENEFICIARY_REGISTERED,
    BENEFICIARY_UPDATED,
)
from tests.support.grants_event_samples import GRANTS_SAMPLES
from tests.support.notifications_event_samples import NOTIFICATIONS_SAMPLES
from tests.support.training_event_samples import TRAINING_SAMPLES

_ATTRIBUTES = {
    "beneficiary_id": "0b5f5a3e-6c1e-4c8e-9f43-2d0c1f6f9a11",
    "region": "UA-63",
    "sex": "Masculine",
    "age_band": "35-44",
    "preferred_language": "ru",
}

SAMPLES = {
    (BENEFICIARY_CONSENT_CHANGED, 1): {
        **_ATTRIBUTES,
        "consents": {"case_management": True, "sms": True, "email": False, "donor_reports": False},
    },
    (BENEFICIARY_ERASED, 1): _ATTRIBUTES,
    (BENEFICIARY_UPDATED, 1): {**_ATTRIBUTES, "region": None},
    (BENEFICIARY_CONTACT_CHANGED, 1): {
        "beneficiary_id": "0b5f5a3e-6c1e-4c8e-9f43-2d0c1f6f9a11",
        "preferred_language": "uk",
        "sms": "+380671112233",
        "email": None,
    },
    (BENEFICIARY_REGISTERED, 1): {
        "beneficiary_id": "0b5f5a3e-6c1e-4c8e-9f43-2d0c1f6f9a11",
        "region": "Kharkiv oblast",
        "sex": "Feminine",
        "age_band": "25-34",
        "preferred_language": "uk",
    },
}
SAMPLES.update(TRAINING_SAMPLES)
SAMPLES.update(GRANTS_SAMPLES)
SAMPLES.update(NOTIFICATIONS_SAMPLES)
