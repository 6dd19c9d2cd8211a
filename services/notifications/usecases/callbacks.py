"""What Kannel calls back with: delivery reports and inbound SMS.

A delivery report is authenticated by the message's own token in its URL (random, kept
only as a hash), so a report can only speak of the message it was issued for. An inbound
SMS is authenticated by the token Kannel's get-url carries; a STOP (``domain.opt_out``)
stops every SMS to that number, is confirmed once by SMS, and is announced
(``notifications.contact.opted_out``) so intake records the withdrawn consent. The
number is looked up through its blind index and never written down, in clear or sealed,
but for the confirmation's, sealed for that one message until it is sent.
"""

from __future__ import annotations

import hmac
import logging
import uuid
from typing import TYPE_CHECKING

from services.notifications.adapters import messages, recipients
from services.notifications.adapters.messages import NewMessage
from services.notifications.domain import kinds
from services.notifications.domain.delivery import (
    DELIVERED,
    FAILED,
    KANNEL_DLR,
    QUEUED,
    SENDING,
    SENT,
    moves_to,
)
from services.notifications.domain.errors import NotAuthenticated
from services.notifications.domain.opt_out import e164, is_opt_out
from services.notifications.usecases import announcements
from services.notifications.usecases.claiming import token_hash
from services.notifications.usecases.counting import count_message
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.notifications.bootstrap import Notifications

log = logging.getLogger("vidnova.notifications")


@retried_once
def report_delivery(notifications: Notifications, token: str, report: int) -> None:
    """Apply a Kannel delivery report (its ``%d``) to the message the token names."""
    now = notifications.clock()
    with notifications.unit_of_work() as work:
        message = messages.by_token(work.session, token_hash(token)) if token else None
        if message is None:
            raise NotAuthenticated()
        reported = KANNEL_DLR.get(report)
        if not moves_to(message["status"], reported, message["reason"]):
            return
        if reported == FAILED:  # the network refused it: the other channel, if consented
            count_message(notifications.metrics, message["channel"], FAILED)
            failed = ",".join((*message["failed_channels"], message["channel"]))
            messages.change(work.session, message["id"], status=QUEUED, failed_channels=failed,
                            reason=f"kannel_dlr_{report}", attempts=0, next_attempt_at=now,
                            updated_at=now, dlr_token_hash=None)
            return
        values = {"status": reported, "updated_at": now, "sealed_to": None,
                  "sent_at": message["sent_at"] or now, "failed_at": None}
        if reported == DELIVERED:
            values["delivered_at"] = now
        if message["status"] in (SENDING, FAILED):
            values["reason"] = None
        messages.change(work.session, message["id"], **values)
        events = [] if message["status"] == SENT else [announcements.message(SENT, message)]
        if reported == DELIVERED:
            events.append(announcements.message(DELIVERED, message))
            count_message(notifications.metrics, message["channel"], DELIVERED)
        work.emit(events)


@retried_once
def receive_sms(notifications: Notifications, token: str, sender: str, text: str) -> str:
    """An inbound SMS: ``opted_out`` (a STOP from a known number, now applied),
    ``already`` (it was), or ``ignored`` (not a STOP, or a number nobody here holds)."""
    expected = notifications.config.kannel_inbound_token
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        raise NotAuthenticated()
    number = e164(sender)
    if not is_opt_out(text) or number is None:
        log.info("inbound SMS ignored: not an opt-out")
        return "ignored"
    now = notifications.clock()
    with notifications.unit_of_work() as work:
        holders = notifications.contacts.numbers.holders(work.session, number)
        opted = [b for b in holders if recipients.opt_out_of_sms(work.session, b, now)]
        if opted:
            confirmation = str(uuid.uuid4())
            messages.enqueue(work.session, NewMessage(
                opted[0], kinds.OPT_OUT_CONFIRMED, f"opt-out:{now.isoformat()}",
                sealed_to=notifications.contacts.seal_number(number, confirmation),
                id=confirmation), now)
            work.emit([announcements.opted_out(b, now) for b in opted])
    outcome = "opted_out" if opted else ("already" if holders else "ignored")
    log.info("inbound STOP", extra={"outcome": outcome, "beneficiaries": len(opted)})
    return outcome
