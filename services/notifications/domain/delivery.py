"""A message's life: its statuses, how a gateway's answer moves it, which channel it
takes, and how long a failed attempt waits.

queued -> sending -> sent -> delivered, or failed (with the gateway's reason). A message
is marked *sending* in a committed transaction before the gateway is called and settled
after: a worker that dies in between leaves it *sending*, for the reconciler to settle
from evidence (a delivery report, the sink's record), never to send blindly again.
"""

from __future__ import annotations

from dataclasses import dataclass

QUEUED, SENDING, SENT, DELIVERED, FAILED = "queued", "sending", "sent", "delivered", "failed"
STATUSES = (QUEUED, SENDING, SENT, DELIVERED, FAILED)
SMS, EMAIL = "sms", "email"
CHANNELS = (SMS, EMAIL)  # in order of preference: most beneficiaries read SMS

# Why a message failed without a gateway's word.
NO_CONSENT, ERASED, OPTED_OUT, NO_CONTACT = "no_consent", "erased", "opted_out", "no_contact"
# Waiting: intake has not said yet what the person consented to (its events may come in
# any order); after the contact wait, nothing heard is no consent.
CONSENT_UNHEARD = "consent_unheard"
RECIPIENT_UNKNOWN = "recipient_unknown"  # intake's registration not heard yet
# A message waiting for what intake says about the person wakes when it comes, not at its
# next check (up to a minute later).
WAITING_FOR_THE_PERSON = (RECIPIENT_UNKNOWN, CONSENT_UNHEARD, NO_CONTACT)
OUTCOME_UNKNOWN = "outcome_unknown"  # sent or not, no evidence: never sent again
RETRIES_EXHAUSTED = "retries_exhausted"  # the gateway kept failing past the give-up time


class GatewayError(Exception):
    """A gateway refused or could not take a message; ``reason`` is a short code (an HTTP
    status, an SMTP reply code) that never carries the address or the text."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class TransientFailure(GatewayError):
    """Not taken, for now (unreachable, busy): try again after a back-off."""


class PermanentFailure(GatewayError):
    """Refused for good on this channel: the other channel, if consented, is tried."""


class UnknownOutcome(GatewayError):
    """The gateway may have taken it (no answer after the request went out): the message
    stays *sending* for the reconciler."""


@dataclass(frozen=True)
class Accepted:
    reference: str | None = None  # the gateway's id for the message, if it gives one


# Kannel's delivery report types (the ``%d`` of its dlr-url): 1 delivered to the phone,
# 2 failed, 4 buffered, 8 accepted by the SMSC, 16 rejected by the SMSC.
KANNEL_DLR = {1: DELIVERED, 2: FAILED, 4: None, 8: SENT, 16: FAILED}

_RANK = {QUEUED: 0, SENDING: 1, SENT: 2, DELIVERED: 3}


def moves_to(current: str, reported: str | None, reason: str | None = None) -> bool:
    """Whether a report of ``reported`` changes a message now ``current``: a status only
    goes forward, and a settled failure or delivery stays, but for a message given up as
    of unknown outcome, which evidence of its sending settles."""
    if reported is None or current == DELIVERED:
        return False
    if current == FAILED:
        return reason == OUTCOME_UNKNOWN and reported in (SENT, DELIVERED)
    if reported == FAILED:
        return current in (SENDING, SENT)
    return _RANK[reported] > _RANK[current]


@dataclass(frozen=True)
class Reachability:
    """What is known of a recipient when a message is due."""

    sms_allowed: bool
    email_allowed: bool
    sms_opted_out: bool
    has_sms: bool
    has_email: bool
    preferred: str | None = None  # the channel the person asked for, if any


def channel_for(reach: Reachability, failed_channels: tuple[str, ...]) -> tuple[str | None, str | None]:
    """(the channel to use, None) or (None, why none: a failure reason, or None to wait for
    the contact that consent promises). Consent decides which channels may be used; the
    person's preference, then SMS, which most read, decides the order."""
    usable = {SMS: reach.sms_allowed and not reach.sms_opted_out, EMAIL: reach.email_allowed}
    known = {SMS: reach.has_sms, EMAIL: reach.has_email}
    order = sorted(CHANNELS, key=lambda channel: channel != reach.preferred)
    open_channels = [c for c in order if usable[c] and c not in failed_channels]
    for channel in open_channels:
        if known[channel]:
            return channel, None
    if open_channels:
        return None, None  # consented, but the contact event has not arrived yet
    if reach.sms_opted_out and not reach.email_allowed:
        return None, OPTED_OUT
    return None, NO_CONSENT
