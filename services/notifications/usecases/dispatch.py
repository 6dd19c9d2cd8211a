"""The worker's sending round: claim the due messages (``claiming``: marked *sending* and
committed), call each one's gateway, then settle each in a transaction of its own; the
next claimed as soon as one is settled.

Settling: taken by the gateway -> *sent* (``notifications.message.sent``), unless a
delivery report settled it first; not taken for now -> queued again after a back-off,
until ``NOTIFICATIONS_GIVE_UP_AFTER`` from its queueing; refused for good -> queued again at once for the
other channel, which the next claim takes if it is consented (else the message fails
with the gateway's reason); no answer -> left *sending* for the reconciler. A worker
that dies between the hand-over and the settlement leaves the message *sending* too: it
is never sent again without evidence that it was not sent. One that dies before the
hand-over leaves it *sending* but never handed: known unsent, queued again.

A database lost mid-round (a restart, a failover) leaves nothing *sending* that the
worker still knows about: a settlement whose transaction failed is made again once the
database answers (the gateway's answer is in hand; it changes the message only while it
is under this round's claim, so a settlement that did commit is not made twice), and a
claim whose COMMIT failed is taken back at once, since no gateway was called: left
*sending*, the reconciler could only give those messages up as of unknown outcome.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from services.notifications.adapters import messages
from services.notifications.adapters.gateways import Outgoing
from services.notifications.adapters.gateways.rate_limit import RateLimited
from services.notifications.domain.delivery import (
    FAILED,
    QUEUED,
    RETRIES_EXHAUSTED,
    SENDING,
    SENT,
    Accepted,
    GatewayError,
    PermanentFailure,
    TransientFailure,
)
from services.notifications.usecases import announcements
from services.notifications.usecases.claiming import Claimed, claim, token_hash
from services.notifications.usecases.counting import count_gateway_error, count_message
from shared.lost_connections import applied_when_back, is_lost_connection, retried_once
from shared.messaging.backoff import delay

if TYPE_CHECKING:
    from services.notifications.bootstrap import Notifications

log = logging.getLogger("vidnova.notifications")
PATIENCE = 120.0  # seconds a round waits for its database to come back (a restart, a failover)


@retried_once
def dispatch_due(notifications: Notifications) -> int:
    """Send what is due; how many were taken. ``NOTIFICATIONS_SEND_CONCURRENCY`` messages
    are sent and settled at once (a gateway's answer takes longer than the work around
    it), and as each is done the next due is claimed, so a message that becomes due
    while the round runs (a welcome, sent before the others: ``messages.due``) waits
    behind at most those under way, never behind a whole claimed batch. The round ends
    once nothing is under way and nothing more is due."""
    total, room = 0, notifications.config.send_concurrency
    under_way: set[Future] = set()
    with ThreadPoolExecutor(room, thread_name_prefix="notifications-send") as pool:
        while True:
            if len(under_way) < room:
                taken = _claim(notifications, room - len(under_way))
                under_way |= {pool.submit(_send_and_settle, notifications, claimed)
                              for claimed in taken}
            if not under_way:
                return total
            done, under_way = wait(under_way, return_when=FIRST_COMPLETED)
            total += sum(future.result() for future in done)


def _claim(notifications: Notifications, limit: int) -> list[Claimed]:
    """Up to ``limit`` messages claimed, committed; should its COMMIT fail, the messages
    it may have marked are put back before the error goes on."""
    taken: list[Claimed] = []
    try:
        with notifications.unit_of_work() as work:
            taken = claim(notifications, work, notifications.clock(), limit)
    except Exception as exc:
        if taken and is_lost_connection(exc):
            applied_when_back(partial(_put_back, notifications, taken), PATIENCE)
        raise
    return taken


def _put_back(notifications: Notifications, taken: list[Claimed]) -> None:
    """Claimed messages due again at once, as before the claim (no gateway was called)."""
    now = notifications.clock()
    with notifications.unit_of_work() as work:
        for claimed in taken:
            messages.settle(work.session, claimed.message["id"], (SENDING,),
                            claimed_by=_claim_of(claimed), status=QUEUED,
                            attempts=claimed.message["attempts"], next_attempt_at=now,
                            updated_at=now, dlr_token_hash=None)


def _send_and_settle(notifications: Notifications, claimed: Claimed) -> int:
    try:
        send = _in_turn(notifications.gateways[claimed.channel])
    except TransientFailure as no_turn:  # not handed over, not sent: tried again later
        answer: Accepted | GatewayError = no_turn
    else:
        if not _hand_over(notifications, claimed):
            return 0
        answer = _send(send, claimed)
    if not isinstance(answer, Accepted):
        count_gateway_error(notifications.metrics, claimed.channel, type(answer).__name__)
        log.info("gateway did not take a message", extra={
            "message_id": claimed.message["id"], "channel": claimed.channel,
            "reason": answer.reason, "outcome": type(answer).__name__})
    now = notifications.clock()
    applied_when_back(partial(_settle, notifications, claimed, answer, now), PATIENCE)
    return 1


def _hand_over(notifications: Notifications, claimed: Claimed) -> bool:
    """Committed before the gateway is called: a message whose worker dies before this is
    known unsent (the reconciler queues it again soon); only a handed one's outcome can be
    unknown. False when the reconciler already took the claim back: not sent. Made again
    when the database answers, should its connection be lost."""
    return applied_when_back(partial(_hand_over_at, notifications, claimed, notifications.clock()),
                             PATIENCE)


def _hand_over_at(notifications: Notifications, claimed: Claimed, now: datetime) -> bool:
    with notifications.unit_of_work() as work:
        return messages.hand_over(work.session, claimed.message["id"], _claim_of(claimed), now)


def _in_turn(gateway) -> Callable[[Outgoing], Accepted]:
    """The gateway's own send, once a rate-limited gateway's turn has come: the turn (a
    wait) is taken before the hand-over, so that between a hand-over and the gateway's
    call, where a worker's death leaves the outcome unknown, there is only the call."""
    if isinstance(gateway, RateLimited):
        gateway.wait_for_turn()
        return gateway.gateway.send
    return gateway.send


def _send(send: Callable[[Outgoing], Accepted], claimed: Claimed) -> Accepted | GatewayError:
    """The gateway's answer: ``Accepted`` or the ``GatewayError`` it raised."""
    try:
        return send(claimed.outgoing)
    except GatewayError as refused:
        return refused


def _settle(notifications: Notifications, claimed: Claimed, answer: Accepted | GatewayError,
            now: datetime) -> None:
    """Record what the gateway answered (see the module's docstring), in one transaction
    that changes the message only while it is under this claim."""
    message, ours = claimed.message, _claim_of(claimed)
    with notifications.unit_of_work() as work:
        if isinstance(answer, Accepted):
            if messages.settle(work.session, message["id"], (SENDING,), claimed_by=ours,
                               status=SENT, sent_at=now, updated_at=now, reason=None,
                               sealed_to=None):
                work.emit([announcements.message(SENT, message, claimed.channel)])
                count_message(notifications.metrics, claimed.channel, SENT)
        elif isinstance(answer, TransientFailure):
            _retry_later(notifications, work.session, claimed, answer.reason, now)
        elif isinstance(answer, PermanentFailure):
            _other_channel(notifications, work.session, claimed, answer.reason, now)
        else:  # UnknownOutcome: the reconciler settles it from evidence
            messages.settle(work.session, message["id"], (SENDING,), claimed_by=ours,
                            reason=answer.reason, updated_at=now)


def _claim_of(claimed: Claimed) -> str:
    """The claim's mark on the message: its delivery-report token's hash."""
    return token_hash(claimed.outgoing.report_token)


def _retry_later(notifications: Notifications, session, claimed: Claimed, reason: str,
                 now: datetime) -> None:
    config, attempts = notifications.config, claimed.message["attempts"] + 1
    wait = delay(attempts, config.retry_base_delay, config.retry_max_delay)
    give_up_at = claimed.message["created_at"] + timedelta(seconds=config.give_up_after)
    if now + timedelta(seconds=wait) > give_up_at:
        _other_channel(notifications, session, claimed, RETRIES_EXHAUSTED, now)
        return
    messages.settle(session, claimed.message["id"], (SENDING,), claimed_by=_claim_of(claimed),
                    status=QUEUED, reason=reason, next_attempt_at=now + timedelta(seconds=wait),
                    updated_at=now, dlr_token_hash=None)


def _other_channel(notifications: Notifications, session, claimed: Claimed, reason: str,
                   now: datetime) -> None:
    """This channel failed for good (counted so): queue the message again, this channel
    excluded; the next claim takes the other one if it is consented, else gives up with
    ``reason``."""
    failed = ",".join((*claimed.message["failed_channels"], claimed.channel))
    if messages.settle(session, claimed.message["id"], (SENDING,), claimed_by=_claim_of(claimed),
                       status=QUEUED, reason=reason, failed_channels=failed, attempts=0,
                       next_attempt_at=now, updated_at=now, dlr_token_hash=None):
        count_message(notifications.metrics, claimed.channel, FAILED)
