"""Events that carry personal data are sealed end to end: from the producing service's
outbox, through the broker (RabbitMQ's message store, the embedded broker's file), to the
handler of the consuming service, which alone opens them.

Only the event's ``data`` is sealed; its envelope (id, type, version, times, producer,
correlation) stays readable, so routing, deduplication, dead-lettering and replay work
without the key. The data is sealed under the platform's event keys
(``VIDNOVA_EVENT_KEYS``, id:base64-key list; ``VIDNOVA_EVENT_KEY_ID`` names the current
one), shared by the services that publish and consume such events (intake and
notifications), and bound to the event's id and type so a blob cannot be moved to
another event. Rotation: add a key to both, make it current, keep the old one until no
event sealed under it is left in an outbox, queue or dead-letter queue.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import replace

from shared.clock import utcnow
from shared.config import Settings
from shared.crypto import key_material
from shared.crypto.errors import CipherError, KeyringError
from shared.crypto.keyring import Keyring, current_id, parse_keys
from shared.events.envelope import Envelope

EVENT_KEYS, EVENT_KEY_ID = "VIDNOVA_EVENT_KEYS", "VIDNOVA_EVENT_KEY_ID"
EMBEDDED_FILE = "event-keys"
SEALED = "sealed"  # the one field of a sealed event's data
# How a sealed envelope reads in its wire form (``Envelope.to_json``: compact, keys
# sorted), so a stored payload can be told sealed without parsing it.
WIRE_MARK = '"data":{"sealed":"'
_PURPOSE = "event"


class EventSealer:
    def __init__(self, keys: Keyring):
        self.keys = keys

    @classmethod
    def from_settings(cls, settings: Settings) -> EventSealer:
        """The platform's event keys; an embedded installation makes its own once, in
        the data folder all its services share."""
        text = key_material.configured(settings, EVENT_KEYS, "id:base64-key[,id:base64-key...]",
                                       EMBEDDED_FILE, _new_embedded_entry)
        keys = parse_keys(text, EVENT_KEYS, "event key")
        return cls(Keyring(keys, current_id(keys, settings.extra.get(EVENT_KEY_ID, ""), EVENT_KEY_ID),
                           noun="event key"))

    def __repr__(self) -> str:
        return f"EventSealer({self.keys!r})"

    def seal(self, event: Envelope) -> Envelope:
        """The event with its data sealed."""
        plain = json.dumps(event.data, sort_keys=True, separators=(",", ":")).encode()
        key_id, blob = self.keys.seal(plain, _PURPOSE, event.id, event.type)
        return replace(event, data={SEALED: f"{key_id}:{base64.b64encode(blob).decode()}"})

    def open(self, event: Envelope) -> Envelope:
        """The event with its data opened; ``CipherError`` if it does not open here."""
        key_id, _, encoded = str(event.data.get(SEALED, "")).partition(":")
        try:
            plain = self.keys.open(key_id, base64.b64decode(encoded, validate=True), _PURPOSE,
                                   event.id, event.type)
        except (KeyringError, binascii.Error, ValueError):
            plain = None
        if plain is None:
            raise CipherError("a sealed event does not open with this installation's event keys")
        return replace(event, data=json.loads(plain))


def is_sealed(event: Envelope) -> bool:
    return set(event.data) == {SEALED}


def is_sealed_payload(payload: str) -> bool:
    return WIRE_MARK in payload


def _new_embedded_entry() -> str:
    return f"{utcnow():%Y-%m}:{key_material.encode(key_material.new_key())}\n"
