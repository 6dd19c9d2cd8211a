"""The HTTP front as real processes: intake's gunicorn (one worker, four threads, SQLite in
a temporary folder), the staff portal's gunicorn, and nginx with the repository's
configuration in front of them.

Each rule is shown where it matters: slow clients straight at gunicorn hold its threads
(the "before", so the test of the front can fail), and through nginx they do not; what
nginx or gunicorn refuse themselves is answered in the platform's JSON shape.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import re
import socket

import pytest
import requests

from services.intake.service import SERVICE as INTAKE
from shared import config, migrations, tokens
from shared.web.security_headers import ALWAYS, JSON_POLICY
from tests.support import nginx
from tests.support.processes import Processes, clean_environment, free_port, wait_ready
from tests.support.slow_clients import SlowClients, request_head
from tests.support.waiting import eventually

pytestmark = pytest.mark.e2e

SECRET = "front-test-secret-" * 3
THREADS = 4
SLOW_CLIENTS = 5  # one more than gunicorn has threads


class Front:
    def __init__(self, gunicorn_port: int, ports: dict[str, int]):
        self.gunicorn_port, self.ports = gunicorn_port, ports
        self.port = ports["intake"]
        self.portal = ports["portal"]

    def url(self, path: str, port: int | None = None) -> str:
        return f"http://127.0.0.1:{port or self.port}{path}"

    @property
    def direct(self) -> str:
        return f"http://127.0.0.1:{self.gunicorn_port}"


@contextlib.contextmanager
def running_front(root, **settings: str):
    nginx.nginx_binary()  # before anything starts: fails under CI, skips elsewhere
    (root / "var").mkdir()
    env = clean_environment(VIDNOVA_DATA_DIR=str(root / "var"), JWT_SECRET=SECRET,
                            VIDNOVA_TRUSTED_PROXIES="127.0.0.1", GUNICORN_THREADS=str(THREADS),
                            **settings)
    for migrations_dir, url in INTAKE.migration_targets(config.from_env("intake", env)):
        migrations.upgrade(migrations_dir, url)
    gunicorn_port = free_port()
    ports = {name: free_port() for name in nginx.SERVICES}
    # Nothing listens at the other services' addresses: nginx answers for them.
    upstreams = {name: f"127.0.0.1:{free_port()}" for name in nginx.SERVICES}
    upstreams["intake"] = f"127.0.0.1:{gunicorn_port}"
    portal_port = free_port()
    upstreams["portal"] = f"127.0.0.1:{portal_port}"
    processes = Processes(root)
    try:
        web = processes.web("intake", gunicorn_port, env, workers=1)
        portal = processes.web("portal", portal_port, {
            **env, "PORTAL_INTAKE_URL": f"http://127.0.0.1:{gunicorn_port}"}, workers=1)
        wait_ready(f"http://127.0.0.1:{gunicorn_port}", process=web)
        wait_ready(f"http://127.0.0.1:{portal_port}", process=portal)
        nginx.start_front(processes, root / "nginx", ports, upstreams)
        yield Front(gunicorn_port, ports)
    finally:
        processes.stop()


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    with running_front(tmp_path_factory.mktemp("front")) as started:
        yield started


def caseworker() -> dict[str, str]:
    jwt = config.JwtSettings("HS256", SECRET, None, "vidnova", None)
    return {"Authorization": f"Bearer {tokens.issue(jwt, 'e2e', ['caseworker'])}",
            "Content-Type": "application/json"}


def exchange(port: int, raw: bytes) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request written as given (however malformed), and its answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(raw)
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, response.headers, response.read()


def assert_platform_error(status: int, headers, body: bytes, expected: int) -> dict:
    assert status == expected
    assert headers["Content-Type"].startswith("application/json")
    error = json.loads(body)
    assert error["code"] == expected and error["status"] and error["message"]
    assert set(error) <= {"code", "status", "message", "errors"}
    return error


def assert_secured(headers) -> None:
    for name, value in {**ALWAYS, "Cache-Control": "no-store"}.items():
        assert headers.get(name) == value, name
    assert headers.get("Content-Security-Policy") == JSON_POLICY
    assert not re.search(r"[/\d]", headers.get("Server", "")), headers.get("Server")


def _healthy_again(front: Front) -> None:
    """After slow clients hung up, the threads they held are free again."""
    def answers():
        try:
            return requests.get(f"{front.direct}/healthz", timeout=2).ok
        except requests.RequestException:
            return False

    eventually(answers, timeout=30, what="gunicorn to answer again")


# -- slow clients --------------------------------------------------------------------------

def test_without_the_front_five_slow_clients_hold_every_gunicorn_thread(front):
    head = request_head("/beneficiaries", caseworker())
    try:
        with SlowClients(front.gunicorn_port, SLOW_CLIENTS, head) as slow:
            with pytest.raises(requests.ReadTimeout):
                requests.get(f"{front.direct}/healthz", timeout=3)
            assert slow.all_waiting()
    finally:
        _healthy_again(front)


def test_behind_the_front_five_slow_clients_do_not_stop_healthz(front):
    head = request_head("/beneficiaries", caseworker())
    with SlowClients(front.port, SLOW_CLIENTS, head) as slow:
        answer = requests.get(front.url("/healthz"), timeout=10)
        # nginx is still reading their bodies: it held them, it did not cut them off.
        assert slow.all_waiting()

    assert answer.status_code == 200 and answer.json()["status"] == "ok"


# -- what the front refuses ------------------------------------------------------------------

def test_a_body_over_the_limit_is_refused_by_the_front_as_json_413(front):
    status, headers, body = exchange(front.port, b"POST /beneficiaries HTTP/1.1\r\n"
                                                 b"Host: x\r\nContent-Length: 2097152\r\n\r\n")

    assert_platform_error(status, headers, body, 413)
    assert_secured(headers)


def test_an_import_may_be_larger_than_other_bodies(front):
    answer = requests.post(front.url("/imports"), data=b"x" * 2 * 1024 * 1024, timeout=30)

    # Through nginx to intake, which asks for a token: not refused for its size.
    assert answer.status_code == 401
    assert answer.json()["message"] == "a bearer token is required"


@pytest.mark.parametrize("where, length", [("front", 6000), ("gunicorn", 9000)])
def test_a_too_long_request_line_is_a_json_414(front, where, length):
    port = front.port if where == "front" else front.gunicorn_port
    status, headers, body = exchange(port, b"GET /" + b"a" * length + b" HTTP/1.1\r\nHost: x\r\n\r\n")

    assert_platform_error(status, headers, body, 414)
    assert_secured(headers)


@pytest.mark.parametrize("where, length", [("front", 6000), ("gunicorn", 9000)])
def test_a_too_large_header_is_a_json_431(front, where, length):
    port = front.port if where == "front" else front.gunicorn_port
    status, headers, body = exchange(
        port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * length + b"\r\n\r\n")

    assert_platform_error(status, headers, body, 431)
    assert_secured(headers)


def test_openrosa_submissions_get_a_json_429_after_the_configured_burst(front):
    burst = int(re.search(r"limit_req zone=vidnova_sign_in burst=(\d+)",
                          nginx.TEMPLATE.read_text()).group(1))
    statuses, refused = [], None
    # The zone allows 2 a second on top of the burst: five times the burst is far more
    # than can refill while they are sent.
    for _ in range(5 * burst):
        answer = requests.post(front.url("/openrosa/submission"), timeout=10)
        statuses.append(answer.status_code)
        if answer.status_code == 429:
            refused = answer
            break

    assert 429 not in statuses[:burst + 1]  # the burst itself passes (to intake's challenge)
    assert statuses[0] == 401
    assert refused is not None, statuses
    assert_platform_error(refused.status_code, refused.headers, refused.content, 429)
    assert int(refused.headers["Retry-After"]) >= 1


def test_a_service_that_does_not_answer_is_a_json_502(front):
    answer = requests.get(front.url("/healthz", front.ports["training"]), timeout=10)

    assert_platform_error(answer.status_code, answer.headers, answer.content, 502)


# -- headers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["front", "gunicorn"])
def test_answers_carry_the_security_headers_and_no_server_version(front, where):
    base = front.url("") if where == "front" else front.direct

    answer = requests.get(f"{base}/healthz", timeout=10)

    assert answer.status_code == 200
    assert_secured(answer.headers)


# -- the client address behind the front ---------------------------------------------------

def test_a_forwarded_for_written_by_the_client_does_not_escape_the_sign_in_throttle(tmp_path):
    with running_front(tmp_path, VIDNOVA_SIGN_IN_FAILURE_LIMIT="3") as front:
        def attempt(n: int):
            return requests.get(front.url("/beneficiaries"), timeout=10, headers={
                "Authorization": "Bearer not-a-token", "X-Forwarded-For": f"198.51.100.{n}"})

        failures = [attempt(n).status_code for n in range(3)]
        refused = attempt(3)

    assert failures == [401, 401, 401]
    assert_platform_error(refused.status_code, refused.headers, refused.content, 429)
    assert int(refused.headers["Retry-After"]) >= 1


def test_metrics_are_scraped_from_the_web_itself_and_never_answered_through_the_front(front):
    through_the_front = requests.get(front.url("/metrics"), timeout=10)

    assert through_the_front.status_code == 404
    assert_platform_error(404, through_the_front.headers, through_the_front.content, 404)
    assert "vidnova_http_requests_total" not in through_the_front.text
    direct = requests.get(f"{front.direct}/metrics", timeout=10)
    assert direct.status_code == 200 and "vidnova_http_requests_total" in direct.text


# -- the staff portal on its own address -----------------------------------------------------

def test_the_front_serves_the_portals_sign_in_page(front):
    answer = requests.get(front.url("/sign-in", front.portal), timeout=10)

    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/html")
    assert 'name="username"' in answer.text and 'name="password"' in answer.text
    assert 'name="csrf_token"' in answer.text
    assert not re.search(r"[/\d]", answer.headers.get("Server", ""))


def test_the_portal_takes_an_htcds_file_larger_than_an_api_body(front):
    answer = requests.post(front.url("/imports", front.portal), data=b"x" * 2 * 1024 * 1024,
                           timeout=30, allow_redirects=False)

    # Through nginx to the portal, which refuses a form without its CSRF token (its own
    # page): not refused by the front for its size.
    assert answer.status_code == 400 and answer.headers["Content-Type"].startswith("text/html")


def test_what_the_front_refuses_on_the_staff_address_is_a_page_not_json(front):
    status, headers, body = exchange(front.portal, b"POST /beneficiaries HTTP/1.1\r\n"
                                                   b"Host: x\r\nContent-Length: 2097152\r\n\r\n")

    assert status == 413 and headers["Content-Type"].startswith("text/html")
    assert b"The file is too large." in body
    assert headers["X-Frame-Options"] == "DENY" and headers["Cache-Control"] == "no-store"
