"""Messages a worker left *sending* (it died, or lost its database, between marking a
message and settling it) are settled here. Never handed to the gateway (the claim was
not followed by a hand-over within ``NOTIFICATIONS_HANDING_TIMEOUT``) -> queued again: it
was not sent, and the hand-over of a claim taken back fails, so the late worker cannot
send it either. Handed over -> settled from evidence, never by sending blindly again:
the gateway has it -> *sent*; the gateway says it has not (a sink knows) -> queued again;
the gateway cannot say (Kannel, SMTP) and no delivery report came -> *failed* as
``outcome_unknown`` (a delivery report arriving later still settles it)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING

from services.notifications.adapters import messages
from services.notifications.domain.delivery import FAILED, OUTCOME_UNKNOWN, QUEUED, SENDING, SENT
from services.notifications.usecases import announcements
from services.notifications.usecases.claiming import give_up
from services.notifications.usecases.counting import count_message
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.notifications.bootstrap import Notifications

log = logging.getLogger("vidnova.notifications")


@retried_once
def reconcile_sending(notifications: Notifications) -> dict[str, int]:
    """Settle the messages stuck *sending*; counts by outcome."""
    now = notifications.clock()
    before = now - timedelta(seconds=notifications.config.sending_timeout)
    counts = {"sent": 0, "requeued": 0, "unknown": 0}
    unhanded_before = now - timedelta(seconds=notifications.config.handing_timeout)
    with notifications.unit_of_work() as work:
        for message in messages.never_handed(work.session, unhanded_before, 500):
            messages.settle(work.session, message["id"], (SENDING,), status=QUEUED,
                            next_attempt_at=now, updated_at=now, dlr_token_hash=None)
            counts["requeued"] += 1
        for message in messages.stuck_sending(work.session, before, 500):
            evidence = notifications.gateways[message["channel"]].was_sent(message["id"])
            if evidence is True:
                messages.settle(work.session, message["id"], (SENDING,), status=SENT, sent_at=now,
                                updated_at=now, sealed_to=None)
                work.emit([announcements.message(SENT, message)])
                count_message(notifications.metrics, message["channel"], SENT)
                counts["sent"] += 1
            elif evidence is False:
                messages.settle(work.session, message["id"], (SENDING,), status=QUEUED,
                                next_attempt_at=now, updated_at=now, dlr_token_hash=None)
                counts["requeued"] += 1
            else:
                give_up(work, message, OUTCOME_UNKNOWN, now, awaiting_report=True)
                count_message(notifications.metrics, message["channel"], FAILED)
                counts["unknown"] += 1
    if any(counts.values()):
        log.warning("messages left sending were settled", extra=counts)
    return counts
