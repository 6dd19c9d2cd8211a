"""The first half of a sending round: pick the due messages and decide, for each, in one
committed transaction: wait (quiet hours in the recipient's own zone, a contact not yet
arrived), give up (no consent, erased, opted out, a reminder whose session began), or
take it: choose the channel, render the text (a personal template names only who
consented to be named; everyone else reads its fallback), and mark it *sending* before
any gateway is called.

Several workers may run rounds at once: the due rows are locked with SKIP LOCKED
(PostgreSQL; SQLite writes one transaction at a time), and a message marked *sending* is
no longer due, so no two workers take the same message.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from services.notifications.adapters import messages, recipients, templates
from services.notifications.adapters.gateways import Outgoing
from services.notifications.domain import kinds
from services.notifications.domain.delivery import (
    CONSENT_UNHEARD,
    EMAIL,
    ERASED,
    FAILED,
    NO_CONSENT,
    NO_CONTACT,
    RECIPIENT_UNKNOWN,
    SENDING,
    SMS,
    Reachability,
    channel_for,
)
from services.notifications.domain.deny_list import LANGUAGES
from services.notifications.domain.rendering import coerce, render
from services.notifications.domain.time_zones import zone_of
from services.notifications.usecases import announcements
from services.notifications.usecases.counting import count_message
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.notifications.bootstrap import Notifications
    from shared.runtime import UnitOfWork

FALLBACK_LANGUAGE = "en"
REMINDERS = (kinds.FIRST_SESSION_REMINDER, kinds.SESSION_REMINDER)


@dataclass(frozen=True)
class Claimed:
    message: dict
    channel: str
    outgoing: Outgoing


@dataclass(frozen=True)
class _Wait:
    until: datetime
    reason: str


@dataclass(frozen=True)
class _GiveUp:
    reason: str


@retried_once
def claim(notifications: Notifications, work: UnitOfWork, now: datetime,
          limit: int | None = None) -> list[Claimed]:
    """Up to ``limit`` due messages, the prompt kinds first (``messages.due``), taken for
    sending (marked *sending* in ``work``, the caller's transaction, whose attempt decides
    about running again); the others looked at meanwhile waiting or given up, in the same
    transaction. At most ``NOTIFICATIONS_DISPATCH_BATCH`` messages are looked at, and
    taken."""
    batch = notifications.config.dispatch_batch
    wanted, looked, taken = min(limit or batch, batch), 0, []
    while len(taken) < wanted and looked < batch:
        # Those looked at are no longer due in this transaction: taken, waiting or failed.
        due = messages.due(work.session, now, min(wanted - len(taken), batch - looked))
        if not due:
            break
        looked += len(due)
        taken += _taken(notifications, work, due, now)
    return taken


def _taken(notifications: Notifications, work: UnitOfWork, due: list[dict],
           now: datetime) -> list[Claimed]:
    taken = []
    for message in due:
        decision = _decide(notifications, work.session, message, now)
        if isinstance(decision, Claimed):
            _mark_sending(work.session, decision, now)
            taken.append(decision)
        elif isinstance(decision, _Wait):
            messages.change(work.session, message["id"], next_attempt_at=decision.until,
                            reason=decision.reason, updated_at=now)
        else:
            give_up(work, message, decision.reason, now)
            if not message["failed_channels"]:  # a channel's failure was counted as it came
                count_message(notifications.metrics, None, FAILED)
    return taken


def give_up(work: UnitOfWork, message: dict, reason: str, now: datetime,
            awaiting_report: bool = False) -> None:
    """The message failed for good (``notifications.message.failed``), on the channel last
    tried, if any. ``awaiting_report``: its delivery report may still come and settle it
    (an unknown outcome)."""
    token = {} if awaiting_report else {"dlr_token_hash": None}
    messages.change(work.session, message["id"], status=FAILED, reason=reason, failed_at=now,
                    updated_at=now, sealed_to=None, **token)
    work.emit([announcements.failed(message, reason, message["channel"])])


def _decide(notifications: Notifications, session: Session, message: dict, now: datetime):
    config = notifications.config
    recipient = recipients.find(session, message["beneficiary_id"])
    if recipient is not None and recipient["erased_at"] is not None:
        return _GiveUp(ERASED)
    if message["template"] in REMINDERS and coerce(message["variables"])["starts_at"] <= now:
        return _GiveUp("expired")
    zone = _zone_of(notifications, recipient)
    if config.quiet_hours is not None and config.quiet_hours.is_quiet(now, zone):
        return _Wait(config.quiet_hours.over_at(now, zone), "quiet_hours")
    if recipient is None:
        return _wait_for_contact(config.contact_wait, message, now, RECIPIENT_UNKNOWN)
    if recipient["consent_heard_at"] is None and message["template"] != kinds.OPT_OUT_CONFIRMED:
        return _wait_for_contact(config.contact_wait, message, now, CONSENT_UNHEARD, NO_CONSENT)
    destination = _destination(notifications, session, message, recipient)
    channel, to = destination
    if channel is None:
        return _GiveUp(to) if to else _wait_for_contact(config.contact_wait, message, now, NO_CONTACT)
    return _rendered(notifications, session, message, recipient, destination)


def _destination(notifications: Notifications, session: Session, message: dict,
                 recipient: dict) -> tuple[str | None, str | None]:
    """(channel, address), or (None, why not: a reason to give up, None to wait)."""
    if message["template"] == kinds.OPT_OUT_CONFIRMED:
        if message["sealed_to"] is None:
            return None, NO_CONTACT
        return SMS, notifications.contacts.open_number(message["sealed_to"], message["id"])
    known = notifications.contacts.channels(session, recipient["beneficiary_id"])
    reach = Reachability(sms_allowed=recipient["sms_allowed"], email_allowed=recipient["email_allowed"],
                         sms_opted_out=recipient["sms_opted_out_at"] is not None,
                         has_sms=bool(known.get(SMS)), has_email=bool(known.get(EMAIL)),
                         preferred=recipient["preferred_channel"])
    channel, why = channel_for(reach, message["failed_channels"])
    if channel is None and why and message["failed_channels"]:
        why = message["reason"] or why  # every open channel refused it: the gateway's word
    return (channel, known[channel]) if channel else (None, why)


def _wait_for_contact(patience: float, message: dict, now: datetime, reason: str,
                      given_up_as: str | None = None):
    if now - message["created_at"] > timedelta(seconds=patience):
        return _GiveUp(given_up_as or reason)
    return _Wait(now + timedelta(seconds=min(60.0, patience)), reason)


def _zone_of(notifications: Notifications, recipient: dict | None) -> str:
    """The recipient's own time zone (their region's country's), else the programme's."""
    return zone_of(recipient["region"] if recipient else None, notifications.config.time_zone)


def _rendered(notifications: Notifications, session: Session, message: dict, recipient: dict,
              destination: tuple[str, str]):
    """The text in the recipient's language, its dates and times in their own zone."""
    channel, to = destination
    language = recipient["preferred_language"]
    language = language if language in LANGUAGES else FALLBACK_LANGUAGE
    template = templates.current(session, message["template"], language)
    variables, zone = coerce(message["variables"]), _zone_of(notifications, recipient)
    body_text, body_variables = _body(notifications, session, template, recipient, variables)
    try:
        body = render(body_text, language, body_variables, zone)
        subject = render(template["subject"], language, variables, zone)
    except Exception:  # a saved template was checked; an old message may still not fit it
        return _GiveUp("template_error")
    return Claimed(message, channel, Outgoing(
        message["id"], message["beneficiary_id"], message["template"], language,
        message["cause"], to=to, subject=subject, body=body,
        report_token=secrets.token_urlsafe(24)))


def _body(notifications: Notifications, session: Session, template: dict, recipient: dict,
          variables: dict) -> tuple[str, dict]:
    """The body to render and what fills it: a personal template's body with the given
    name only for someone who consented to be named and whose name intake gave; anyone
    else reads its fallback. The name is read from the sealed contact here and kept only
    in memory (never in the message's variables)."""
    if not template["personal"]:
        return template["body"], variables
    name = (notifications.contacts.given_name(session, recipient["beneficiary_id"])
            if recipient["named_allowed"] else None)
    if not name:
        return template["fallback"], variables
    return template["body"], {**variables, kinds.GIVEN_NAME: name}


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _mark_sending(session: Session, claimed: Claimed, now: datetime) -> None:
    messages.change(session, claimed.message["id"], status=SENDING, channel=claimed.channel,
                    attempts=claimed.message["attempts"] + 1, sending_at=now, handed_at=None,
                    updated_at=now,
                    dlr_token_hash=token_hash(claimed.outgoing.report_token))
