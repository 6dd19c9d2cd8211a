"""What each of Kannel's answers means to a message, against a stand-in HTTP server on
the loopback: 202 taken; 4xx refused for good; 5xx or no connection not taken (retried);
no answer after the request went out: unknown (never resent). No error carries the
number, and the request asks for a delivery report with the message's token."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from services.notifications.adapters.gateways import Outgoing
from services.notifications.adapters.gateways.kannel import KannelGateway
from services.notifications.config import NotificationsConfig
from services.notifications.domain.delivery import (
    Accepted,
    PermanentFailure,
    TransientFailure,
    UnknownOutcome,
)
from tests.support.processes import free_port

pytestmark = pytest.mark.integration

PHONE = "+380671112233"


class StandIn(BaseHTTPRequestHandler):
    answer: tuple[int, str] | None = (202, "0: Accepted for delivery")
    seen: list[dict] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        StandIn.seen.append(parse_qs(urlsplit(self.path).query))
        if StandIn.answer is None:
            time.sleep(2)  # longer than the gateway waits
            return
        status, text = StandIn.answer
        self.send_response(status)
        self.end_headers()
        self.wfile.write(text.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def kannel():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), StandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    StandIn.seen.clear()
    config = NotificationsConfig(sms_gateway=f"http://127.0.0.1:{server.server_port}/cgi-bin/sendsms",
                                 kannel_username="app", kannel_password="pw", gateway_timeout=0.5,
                                 public_url="http://notifications.example:8004")
    yield KannelGateway(config)
    server.shutdown()


def message(body: str = "Вітаємо!") -> Outgoing:
    return Outgoing("m-1", "b-1", "welcome", "uk", "e-1", to=PHONE, body=body, report_token="tok-1")


@pytest.mark.parametrize(("answer", "outcome"), [
    ((202, "0: Accepted for delivery"), Accepted),
    ((202, "3: Queued for later delivery"), Accepted),
    ((403, "Authorization failed for sendsms"), PermanentFailure),
    ((400, "Missing receiver number"), PermanentFailure),
    ((503, "Temporal failure, try again later."), TransientFailure),
    (None, UnknownOutcome),
])
def test_each_answer_means_what_it_says_for_the_message(kannel, answer, outcome):
    StandIn.answer = answer
    try:
        result = kannel.send(message())
    except (PermanentFailure, TransientFailure, UnknownOutcome) as refused:
        result = refused
        assert PHONE not in str(refused) and "671112233" not in repr(refused)
    assert isinstance(result, outcome)


def test_cyrillic_goes_as_ucs2_with_a_delivery_report_for_the_message(kannel):
    StandIn.answer = (202, "0: Accepted for delivery")
    kannel.send(message())
    kannel.send(message("Hello"))
    cyrillic, latin = StandIn.seen
    assert (cyrillic["coding"], cyrillic["charset"], latin["coding"]) == (["2"], ["UTF-8"], ["0"])
    assert cyrillic["to"] == [PHONE] and cyrillic["text"] == ["Вітаємо!"]
    assert cyrillic["dlr-mask"] == ["31"]
    assert cyrillic["dlr-url"] == [
        "http://notifications.example:8004/gateways/kannel/dlr?token=tok-1&status=%d"]


def test_a_kannel_that_is_not_there_did_not_take_the_message():
    config = NotificationsConfig(sms_gateway=f"http://127.0.0.1:{free_port()}/cgi-bin/sendsms",
                                 gateway_timeout=0.5)
    with pytest.raises(TransientFailure) as refused:
        KannelGateway(config).send(message())
    assert refused.value.reason == "kannel_unreachable"
