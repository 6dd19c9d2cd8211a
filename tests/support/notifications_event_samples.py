"""A valid sample of each event notifications publishes (opaque ids and codes only)."""

from shared.events.contracts.notifications import (
    CONTACT_OPTED_OUT,
    MESSAGE_DELIVERED,
    MESSAGE_FAILED,
    MESSAGE_SENT,
)

_MESSAGE = {"message_id": "5f0c7a52-8a31-4f4e-9d3c-1b2a3c4d5e6f",
            "beneficiary_id": "0b5f5a3e-6c1e-4c8e-9f43-2d0c1f6f9a11",
            "template": "welcome", "channel": "sms"}

NOTIFICATIONS_SAMPLES = {
    (MESSAGE_SENT, 1): _MESSAGE,
    (MESSAGE_DELIVERED, 1): _MESSAGE,
    (MESSAGE_FAILED, 1): {**_MESSAGE, "channel": None, "reason": "no_consent"},
    (CONTACT_OPTED_OUT, 1): {"beneficiary_id": _MESSAGE["beneficiary_id"], "channel": "sms",
                             "opted_out_at": "2027-01-02T03:04:05+00:00"},
}
