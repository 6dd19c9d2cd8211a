"""Consented contact channels, kept sealed under notifications' own contact key
(``NOTIFICATIONS_CONTACT_KEY``; generated into the data folder when embedded). Each blob
opens only for its beneficiary, and holds the given name too when the person consented
to be named in messages (nowhere else: not in a message's variables, a log or an event).
The SMS number's blind index (``numbers``) is kept with it, so an inbound STOP finds its
sender."""

from __future__ import annotations

import json

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from services.notifications.adapters.numbers import NumberIndex
from services.notifications.adapters.tables import contacts
from shared.clock import utcnow
from shared.config import Settings
from shared.crypto import key_material
from shared.crypto.sealer import Sealer
from shared.db import insert_or_update

CONTACT_KEY = "NOTIFICATIONS_CONTACT_KEY"
EMBEDDED_FILE = "notifications-contact-key"
_PURPOSE = "contact"
_NAME = "given_name"


def contact_key(settings: Settings) -> bytes:
    """Notifications' own key for what it keeps of a person (contacts, the sinks' bodies)."""
    return key_material.configured_key(settings, CONTACT_KEY, EMBEDDED_FILE)


class ContactBook:
    def __init__(self, key: bytes, numbers: NumberIndex):
        self._sealer = Sealer(key, _PURPOSE)
        self.numbers = numbers

    @classmethod
    def from_settings(cls, settings: Settings) -> ContactBook:
        key = contact_key(settings)
        return cls(key, NumberIndex.derived_from(key))

    def __repr__(self) -> str:
        return "ContactBook(<key hidden>)"

    def keep(self, session: Session, beneficiary_id: str, channels: dict,
             given_name: str | None = None) -> None:
        """Store the consented channels (and the given name, if consented: none given,
        none kept); with no channel left, forget the beneficiary's contact, name and all."""
        if not any(channels.values()):
            self.forget(session, beneficiary_id)
            return
        kept = {**channels, **({_NAME: given_name} if given_name else {})}
        sealed = self._sealer.seal(json.dumps(kept, sort_keys=True).encode(), beneficiary_id)
        statement = insert_or_update(session, contacts).values(
            beneficiary_id=beneficiary_id, sealed=sealed, updated_at=utcnow())
        session.execute(statement.on_conflict_do_update(
            index_elements=[contacts.c.beneficiary_id],
            set_={"sealed": statement.excluded.sealed, "updated_at": statement.excluded.updated_at}))
        self.numbers.keep(session, beneficiary_id, channels.get("sms"))

    def channels(self, session: Session, beneficiary_id: str) -> dict:
        """The consented channels ({"sms": ..., "email": ...}); empty when none."""
        return {k: v for k, v in self._opened(session, beneficiary_id).items() if k != _NAME}

    def given_name(self, session: Session, beneficiary_id: str) -> str | None:
        """The given name, kept only while the person consents to be named in messages."""
        return self._opened(session, beneficiary_id).get(_NAME)

    def _opened(self, session: Session, beneficiary_id: str) -> dict:
        sealed = session.execute(select(contacts.c.sealed).where(
            contacts.c.beneficiary_id == beneficiary_id)).scalar()
        if sealed is None:
            return {}
        return json.loads(self._sealer.open(sealed, beneficiary_id))

    def forget(self, session: Session, beneficiary_id: str) -> None:
        session.execute(delete(contacts).where(contacts.c.beneficiary_id == beneficiary_id))
        self.numbers.forget(session, beneficiary_id)

    def seal_number(self, number: str, message_id: str) -> bytes:
        """A number sealed for one message alone (an opt-out's confirmation, which goes
        out after the number itself is forgotten)."""
        return self._sealer.seal(number.encode(), "message", message_id)

    def open_number(self, sealed: bytes, message_id: str) -> str:
        return self._sealer.open(sealed, "message", message_id).decode()
