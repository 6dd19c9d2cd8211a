"""Finding who an inbound SMS came from without keeping numbers in clear: a keyed blind
index, HMAC-SHA256 of the E.164 number under a key of notifications' own, derived (HKDF)
from its contact key, so no further secret has to be deployed and the index's key is
never the sealing key itself. Without the key a stolen database says nothing of the
numbers, not even by trying every one."""

from __future__ import annotations

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import sms_numbers

_INFO = b"vidnova notifications: inbound number index"


class NumberIndex:
    def __init__(self, key: bytes):
        self._key = key

    @classmethod
    def derived_from(cls, contact_key: bytes) -> NumberIndex:
        return cls(HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(contact_key))

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
