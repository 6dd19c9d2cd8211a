"""SMS through Kannel's ``sendsms`` HTTP interface, with a delivery report requested for
every message (``dlr-mask`` 31: delivered, failed, buffered, accepted and rejected by the
SMSC) to ``/gateways/kannel/dlr`` with the message's own token.

What an answer means: 202 (``0: Accepted``, ``3: Queued for later delivery``) taken;
a 4xx refused for good (bad number, bad credentials are a configuration error, but no
retry mends this message); a 5xx or no connection, not taken: retried. No answer after
the request went out (a read timeout, a connection dropped mid-answer) leaves the
outcome unknown: Kannel may have it, so it is not sent again (the delivery report, if
it comes, settles it). The request carries the number, so no exception text from the
HTTP library is passed on (it would quote the URL), and urllib3's debug log, which
writes each URL, is kept at WARNING.
"""

from __future__ import annotations

import logging

import requests
from urllib3.exceptions import NewConnectionError

from services.notifications.adapters.gateways import Outgoing
from services.notifications.config import NotificationsConfig
from services.notifications.domain.delivery import (
    Accepted,
    PermanentFailure,
    TransientFailure,
    UnknownOutcome,
)
from services.notifications.domain.sms_text import UCS2, encoding_of

DLR_MASK = 31
DLR_PATH = "/gateways/kannel/dlr"


class KannelGateway:
    def __init__(self, config: NotificationsConfig):
        self.url, self.sender = config.sms_gateway, config.sms_sender
        self.timeout = config.gateway_timeout
        self._credentials = {"username": config.kannel_username,
                             "password": config.kannel_password}
        self.public_url = config.public_url.rstrip("/")
        self.http = requests.Session()
        logging.getLogger("urllib3.connectionpool").setLevel(logging.WARNING)

    def __repr__(self) -> str:
        return f"KannelGateway({self.url!r})"

    def send(self, message: Outgoing) -> Accepted:
        params = {**self._credentials, "from": self.sender, "to": message.to,
                  "text": message.body, "charset": "UTF-8",
                  "coding": 2 if encoding_of(message.body) == UCS2 else 0,
                  "dlr-mask": DLR_MASK,
                  "dlr-url": f"{self.public_url}{DLR_PATH}?token={message.report_token}&status=%d"}
        try:
            answer = self.http.get(self.url, params=params, timeout=self.timeout)
        except requests.ConnectTimeout:
            raise TransientFailure("kannel_connect_timeout") from None
        except requests.ConnectionError as exc:
            if _never_connected(exc):
                raise TransientFailure("kannel_unreachable") from None
            raise UnknownOutcome("kannel_no_answer") from None
        except requests.RequestException:
            raise UnknownOutcome("kannel_no_answer") from None
        if answer.status_code in (200, 202):
            return Accepted()
        reason = f"kannel_http_{answer.status_code}"
        if 400 <= answer.status_code < 500:
            raise PermanentFailure(reason)
        raise TransientFailure(reason)

    def was_sent(self, message_id: str) -> None:
        """Kannel cannot be asked: a delivery report is the only evidence."""
        return None


def _never_connected(exc: requests.ConnectionError) -> bool:
    """The connection could not be made (refused, no route): nothing was sent. A
    connection dropped after the request went out is not that."""
    cause = exc.args[0] if exc.args else None
    return isinstance(getattr(cause, "reason", cause), NewConnectionError)
