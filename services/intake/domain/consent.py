"""Consent by purpose: a history of changes (who, when, how; a withdrawal is a new
entry), whose latest entry per purpose decides."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shared.consent import CONTACT_BY_EMAIL, CONTACT_BY_SMS, NAMED_IN_MESSAGES, PURPOSES

CONTACT_PURPOSES = (CONTACT_BY_SMS, CONTACT_BY_EMAIL)
# What the sealed contact event carries: the channels, and the given name where consented.
CONTACT_EVENT_PURPOSES = (*CONTACT_PURPOSES, NAMED_IN_MESSAGES)


@dataclass(frozen=True)
class ConsentChange:
    purpose: str
    granted: bool
    method: str


def state_after(changes: Iterable[ConsentChange]) -> dict[str, bool]:
    """Every purpose, granted or not, after ``changes`` (oldest first) from none given: a
    new beneficiary's consent is known without reading back what was just written."""
    state = dict.fromkeys(PURPOSES, False)
    for change in changes:
        state[change.purpose] = change.granted
    return state


def touches_contact(changes: Iterable[ConsentChange]) -> bool:
    """Whether consent changes concern the contact event (a channel, or being named in
    messages), and so notifications."""
    return any(change.purpose in CONTACT_EVENT_PURPOSES for change in changes)


def any_contact(state: dict[str, bool]) -> bool:
    """Whether the beneficiary may be reached on some channel."""
    return any(state[purpose] for purpose in CONTACT_PURPOSES)
