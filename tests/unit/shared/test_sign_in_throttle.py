"""Failed sign-ins are throttled per client address: after the limit, further requests
with credentials from that address get 429 with Retry-After until the window slides on."""

import base64

import pytest

from services.intake.app import create_app
from services.intake.service import SERVICE as INTAKE
from shared import config
from shared.web.throttle import SignInThrottle
from tests.support import migrated
from tests.support.fixtures import TEST_SECRET

LIMIT = 3


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


def test_failures_under_the_limit_are_not_throttled(clock):
    throttle = SignInThrottle(LIMIT, 60, clock)
    for _ in range(LIMIT - 1):
        throttle.record_failure("a")

    assert throttle.retry_after("a") is None


def test_at_the_limit_the_address_waits_until_its_oldest_failure_leaves_the_window(clock):
    throttle = SignInThrottle(LIMIT, 60, clock)
    for step in range(LIMIT):
        clock.now += 10 * step
        throttle.record_failure("a")

    assert throttle.retry_after("a") == 60 - 30  # the first was 30 s ago
    clock.now += 29
    assert throttle.retry_after("a") == 1
    clock.now += 1
    assert throttle.retry_after("a") is None


def test_each_address_has_its_own_count(clock):
    throttle = SignInThrottle(LIMIT, 60, clock)
    for _ in range(LIMIT):
        throttle.record_failure("a")

    assert throttle.retry_after("a") and throttle.retry_after("b") is None


def test_the_addresses_remembered_are_bounded_forgetting_the_least_recent(clock):
    throttle = SignInThrottle(1, 60, clock, max_keys=2)
    for key in ("a", "b", "c"):
        throttle.record_failure(key)

    assert throttle.retry_after("a") is None
    assert throttle.retry_after("b") and throttle.retry_after("c")


@pytest.fixture
def throttled_app(tmp_path):
    """Intake on a migrated database, with a small limit and one trusted proxy."""
    settings = config.from_env("intake", {
        "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET,
        "VIDNOVA_SIGN_IN_FAILURE_LIMIT": str(LIMIT), "VIDNOVA_TRUSTED_PROXIES": "10.0.0.1"})
    for migrations_dir, url in INTAKE.migration_targets(settings):
        migrated.upgrade(migrations_dir, url)
    return create_app(settings, configure_logging=False)


def from_address(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


BAD_BEARER = {"Authorization": "Bearer not-a-token"}


def test_repeated_bad_bearer_tokens_get_429_with_retry_after_in_the_error_shape(throttled_app):
    client = from_address(throttled_app, "198.51.100.1")
    statuses = [client.get("/beneficiaries", headers=BAD_BEARER).status_code for _ in range(LIMIT)]
    refused = client.get("/beneficiaries", headers=BAD_BEARER)

    assert statuses == [401] * LIMIT
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    body = refused.get_json()
    assert (body["code"], body["status"]) == (429, "Too Many Requests") and body["message"]


def test_a_throttled_address_is_refused_even_with_a_good_token(throttled_app, bearer):
    client = from_address(throttled_app, "198.51.100.1")
    for _ in range(LIMIT):
        client.get("/beneficiaries", headers=BAD_BEARER)

    assert client.get("/beneficiaries?phone=0671234567", headers=bearer("caseworker")).status_code == 429


def test_another_address_is_not_throttled(throttled_app, bearer):
    for _ in range(LIMIT):
        from_address(throttled_app, "198.51.100.1").get("/beneficiaries", headers=BAD_BEARER)

    other = from_address(throttled_app, "198.51.100.2")
    assert other.get("/beneficiaries?phone=0671234567", headers=bearer("caseworker")).status_code == 200


def test_requests_without_credentials_are_not_counted(throttled_app, bearer):
    client = from_address(throttled_app, "198.51.100.1")
    for _ in range(LIMIT + 2):
        assert client.get("/beneficiaries").status_code == 401  # asked for a token
        assert client.head("/openrosa/submission").status_code == 401  # an OpenRosa challenge

    assert client.get("/beneficiaries?phone=0671234567", headers=bearer("caseworker")).status_code == 200


def test_a_throttled_address_still_gets_probes_docs_and_challenges(throttled_app):
    client = from_address(throttled_app, "198.51.100.1")
    for _ in range(LIMIT):
        client.get("/beneficiaries", headers=BAD_BEARER)

    assert client.get("/healthz").status_code == 200
    assert client.get("/docs").status_code == 200
    challenge = client.head("/openrosa/submission")
    assert challenge.status_code == 401 and challenge.headers["WWW-Authenticate"].startswith("Basic")


def test_wrong_openrosa_basic_passwords_are_throttled_too(throttled_app):
    client = from_address(throttled_app, "198.51.100.1")
    wrong = {"Authorization": "Basic " + base64.b64encode(b"enumerator:guess").decode()}
    statuses = [client.head("/openrosa/submission", headers=wrong).status_code for _ in range(LIMIT)]
    refused = client.post("/openrosa/submission", headers=wrong)

    assert statuses == [401] * LIMIT
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    assert refused.get_json()["code"] == 429


def test_behind_a_trusted_proxy_the_forwarded_client_is_throttled_not_the_proxy(throttled_app, bearer):
    proxy = from_address(throttled_app, "10.0.0.1")
    for _ in range(LIMIT):
        proxy.get("/beneficiaries", headers={**BAD_BEARER, "X-Forwarded-For": "198.51.100.1"})

    assert proxy.get("/beneficiaries", headers={
        **BAD_BEARER, "X-Forwarded-For": "198.51.100.1"}).status_code == 429
    assert proxy.get("/beneficiaries?phone=0671234567", headers={
        **bearer("caseworker"), "X-Forwarded-For": "198.51.100.2"}).status_code == 200


def test_an_untrusted_client_cannot_escape_by_writing_forwarded_for(throttled_app):
    client = from_address(throttled_app, "198.51.100.1")
    for n in range(LIMIT):
        client.get("/beneficiaries", headers={**BAD_BEARER, "X-Forwarded-For": f"192.0.2.{n}"})

    assert client.get("/beneficiaries", headers={
        **BAD_BEARER, "X-Forwarded-For": "192.0.2.200"}).status_code == 429


@pytest.mark.parametrize("variables", [{"VIDNOVA_SIGN_IN_FAILURE_LIMIT": "0"},
                                       {"VIDNOVA_SIGN_IN_FAILURE_WINDOW": "-1"}])
def test_a_limit_or_window_that_is_not_positive_is_refused(tmp_path, variables):
    with pytest.raises(config.ConfigError, match="SIGN_IN_FAILURE"):
        config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path), **variables})
