"""Finding who an inbound SMS came from without keeping numbers in clear: a keyed blind
index, HMAC-SHA256 of the E.164 number under notifications' own key
(``NOTIFICATIONS_BLIND_INDEX_KEY``; generated into the data folder when embedded). Without
the key a stolen database says nothing of the numbers, not even by trying every one."""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import sms_numbers
from shared.config import Settings
from shared.crypto import key_material

BLIND_INDEX_KEY = "NOTIFICATIONS_BLIND_INDEX_KEY"
EMBEDDED_FILE = "notifications-blind-index-key"


class NumberIndex:
    def __init__(self, key: bytes):
        self._key = key

    @classmethod
    def from_settings(cls, settings: Settings) -> NumberIndex:
        return cls(key_material.configured_key(settings, BLIND_INDEX_KEY, EMBEDDED_FILE))

    def __repr__(self) -> str:
        return "NumberIndex(<key hidden>)"

    def of(self, number: str) -> str:
        return hmac.new(self._key, number.encode(), hashlib.sha256).hexdigest()

    def keep(self, session: Session, beneficiary_id: str, number: str | None) -> None:
        """The beneficiary's number now (none: forgotten)."""
        self.forget(session, beneficiary_id)
        if number:
            session.execute(insert(sms_numbers).values(number_index=self.of(number),
                                                       beneficiary_id=beneficiary_id))

    def holders(self, session: Session, number: str) -> list[str]:
        """Everyone whose consented SMS number this is (a shared phone: several)."""
        return list(session.execute(select(sms_numbers.c.beneficiary_id).where(
            sms_numbers.c.number_index == self.of(number))).scalars())

    def forget(self, session: Session, beneficiary_id: str) -> None:
        session.execute(delete(sms_numbers).where(sms_numbers.c.beneficiary_id == beneficiary_id))
