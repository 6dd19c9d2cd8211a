"""The channel a beneficiary asked to be reached on, as a caseworker records it: the
order channels are tried in, within what consent allows (a preference never opens a
channel that is not consented)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.notifications.adapters import recipients
from services.notifications.domain.errors import NotFound
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.notifications.bootstrap import Notifications


@retried_once
def set_channel_preference(notifications: Notifications, beneficiary_id: str,
                           channel: str | None) -> dict:
    with notifications.unit_of_work() as work:
        if not recipients.prefer(work.session, beneficiary_id, channel):
            raise NotFound("beneficiary")
    return {"beneficiary_id": beneficiary_id, "preferred_channel": channel}


@retried_once
def channel_preference(notifications: Notifications, beneficiary_id: str) -> dict:
    with notifications.reading() as session:
        known = recipients.find(session, beneficiary_id)
    if known is None:
        raise NotFound("beneficiary")
    return {"beneficiary_id": beneficiary_id, "preferred_channel": known["preferred_channel"]}
