"""Signing in through the programme's identity provider: a real OpenID Connect provider
on the loopback (tests/support/oidc_provider.py) that the portal finds, asks for tokens
and whose keys it checks over HTTP. The browser's part (to the provider and back) is
played by following the redirects: the provider's with ``requests``, the portal's with
its test client.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from services.portal.app import create_app
from services.portal.bootstrap import Apis
from services.portal.pages import EXTENSION
from shared import config
from tests.support.oidc_provider import SPOILS, OidcProvider, RunningProvider
from tests.unit.portal.conftest import FakeApis, migrated

PUBLIC_URL = "https://portal.test"
GRANTS_STAFF = {"sub": "u-481", "name": "Hanna Grant", "roles": ["grants-staff"], "locale": "en-GB"}


@pytest.fixture(scope="module")
def running():
    started = RunningProvider(OidcProvider("vidnova-portal", "provider-secret-" * 3,
                                           post_logout_redirect_uris=(f"{PUBLIC_URL}/sign-in",)))
    yield started
    started.close()


@pytest.fixture
def provider(running):
    provider = running.provider
    provider.user, provider.spoil, provider.offers_end_session = dict(GRANTS_STAFF), None, True
    return provider


@pytest.fixture
def fake():
    return FakeApis({"applications": [], "grants": []})


@pytest.fixture
def app(tmp_path, provider, fake):
    settings = config.from_env("portal", {
        "VIDNOVA_DATA_DIR": str(tmp_path), "PORTAL_PUBLIC_URL": PUBLIC_URL,
        "PORTAL_OIDC_ISSUER": provider.issuer, "PORTAL_OIDC_CLIENT_ID": provider.client_id,
        "PORTAL_OIDC_CLIENT_SECRET": provider.client_secret,
        "PORTAL_OIDC_ROLE_MAP": "grants-staff=grant_officer,payments=finance_officer"})
    migrated(settings)
    app = create_app(settings, configure_logging=False)
    portal = app.extensions[EXTENSION]

    class Faked(type(portal)):
        def apis(self, token):
            token()  # minted as the real one is, from the session's user and roles
            return Apis(fake, fake, fake, fake)

    app.extensions[EXTENSION] = Faked(**vars(portal))
    return app


@pytest.fixture
def client(app):
    client = app.test_client()
    client.environ_base["wsgi.url_scheme"] = "https"
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def to_the_provider(client, page: str = "/applications") -> str:
    """The portal's sign-in link followed: the provider's authorization address."""
    asked = client.get(page)
    assert asked.status_code == 302 and asked.headers["Location"].startswith("/sign-in")
    start = client.get(f"/sign-in/provider?next={page}")
    assert start.status_code == 302
    return start.headers["Location"]


def back_from_the_provider(address: str) -> str:
    """The provider signs the user in and sends the browser back: the portal's path."""
    answer = requests.get(address, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert f"{back.scheme}://{back.netloc}" == PUBLIC_URL
    return f"{back.path}?{back.query}"


def signed_in_user(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("user")


def test_the_sign_in_page_sends_staff_to_their_organisations_provider(client, provider):
    page = client.get("/sign-in")
    assert 'href="/sign-in/provider' in page.text and 'name="password"' not in page.text

    address = to_the_provider(client)

    asked = parse_qs(urlsplit(address).query)
    assert address.startswith(f"{provider.issuer}/authorize?")
    assert asked["client_id"] == [provider.client_id] and asked["response_type"] == ["code"]
    assert asked["redirect_uri"] == [f"{PUBLIC_URL}/sign-in/callback"]
    assert asked["code_challenge_method"] == ["S256"] and asked["nonce"] and asked["state"]


def test_a_provider_role_mapped_to_grant_officer_opens_the_grant_officers_pages(client, provider, fake):
    callback = back_from_the_provider(to_the_provider(client))

    arrived = client.get(callback)

    assert arrived.status_code == 302 and arrived.headers["Location"] == "/applications"
    assert signed_in_user(client) == "u-481"
    queue = client.get("/applications")
    assert queue.status_code == 200 and "Hanna Grant" in queue.text
    with client.session_transaction() as session:
        assert session["lang"] == "en"  # the provider's locale chose the language
    assert client.get("/beneficiaries").status_code == 403  # a caseworker's page
    assert client.get("/payments").status_code == 403  # a finance officer's
    with client.session_transaction() as session:
        assert session["roles"] == ["grant_officer"] and "access_token" not in session


def test_a_user_whose_provider_roles_map_to_none_of_vidnovas_gets_no_session(client, provider):
    provider.user = {**GRANTS_STAFF, "roles": ["volunteers", "staff"]}
    callback = back_from_the_provider(to_the_provider(client))

    arrived = client.get(callback)

    assert arrived.status_code == 302 and arrived.headers["Location"] == "/sign-in"
    assert signed_in_user(client) is None
    assert "has no role in Vidnova" in client.get("/sign-in").text
    assert client.get("/applications").status_code == 302


@pytest.mark.parametrize("spoil", SPOILS)
def test_an_id_token_that_cannot_be_trusted_signs_nobody_in(client, provider, spoil):
    provider.spoil = spoil
    callback = back_from_the_provider(to_the_provider(client))
    issued = provider.tokens_issued

    arrived = client.get(callback)

    assert provider.tokens_issued == issued + 1  # the portal did fetch it, and refused it
    assert arrived.status_code == 302 and arrived.headers["Location"] == "/sign-in"
    assert signed_in_user(client) is None
    page = client.get("/sign-in")
    assert "Signing in did not succeed" in page.text
    assert client.get("/applications").status_code == 302


def test_a_callback_with_another_state_is_refused_before_the_provider_is_asked(client, provider):
    callback = back_from_the_provider(to_the_provider(client))
    path, query = callback.split("?")
    forged = {**parse_qs(query), "state": ["an-attackers-state"]}
    issued = provider.tokens_issued

    arrived = client.get(path, query_string={k: v[0] for k, v in forged.items()})

    assert arrived.headers["Location"] == "/sign-in" and signed_in_user(client) is None
    assert provider.tokens_issued == issued  # the code was not even exchanged


def test_a_callback_arriving_in_a_browser_that_never_started_a_sign_in_is_refused(client, provider):
    callback = back_from_the_provider(to_the_provider(client))
    with client.session_transaction() as session:
        session.pop("oidc")  # another browser: the victim of a login CSRF holds no pending sign-in

    arrived = client.get(callback)

    assert arrived.headers["Location"] == "/sign-in" and signed_in_user(client) is None


def test_a_callback_replayed_after_the_sign_in_signs_nobody_in_again(client, provider):
    callback = back_from_the_provider(to_the_provider(client))
    client.get(callback)
    client.post("/sign-out", data={"csrf_token": _csrf(client)})

    replayed = client.get(callback)

    assert replayed.headers["Location"] == "/sign-in" and signed_in_user(client) is None


def test_signing_out_ends_the_providers_session_too_and_comes_back_to_the_sign_in_page(client, provider):
    client.get(back_from_the_provider(to_the_provider(client)))
    assert "u-481" in provider.sessions
    with client.session_transaction() as session:
        id_token = session["id_token"]

    answer = client.post("/sign-out", data={"csrf_token": _csrf(client)})

    assert signed_in_user(client) is None  # the portal's session ended at once
    address = answer.headers["Location"]
    assert answer.status_code == 302 and address.startswith(f"{provider.issuer}/logout?")
    asked = parse_qs(urlsplit(address).query)
    assert asked["id_token_hint"] == [id_token] and asked["client_id"] == [provider.client_id]
    assert asked["post_logout_redirect_uri"] == [f"{PUBLIC_URL}/sign-in"]
    back = requests.get(address, allow_redirects=False, timeout=10)
    assert back.status_code == 302 and back.headers["Location"] == f"{PUBLIC_URL}/sign-in"
    assert "u-481" not in provider.sessions  # the provider's session ended
    assert "You are signed out." in client.get("/sign-in").text


def test_a_provider_without_logout_leaves_the_portals_own_sign_out(client, provider):
    provider.offers_end_session = False
    client.get(back_from_the_provider(to_the_provider(client)))

    answer = client.post("/sign-out", data={"csrf_token": _csrf(client)})

    assert answer.status_code == 302 and answer.headers["Location"] == "/sign-in"
    assert signed_in_user(client) is None and client.get("/applications").status_code == 302


def test_the_provider_refuses_to_end_a_session_on_a_hint_it_did_not_sign(client, provider):
    client.get(back_from_the_provider(to_the_provider(client)))
    address = client.post("/sign-out", data={"csrf_token": _csrf(client)}).headers["Location"]
    asked = {k: v[0] for k, v in parse_qs(urlsplit(address).query).items()}
    header, payload, _signature = asked["id_token_hint"].split(".")

    forged = requests.get(f"{provider.issuer}/logout", timeout=10, allow_redirects=False,
                          params={**asked, "id_token_hint": f"{header}.{payload}.forged"})

    assert forged.status_code == 400 and "u-481" in provider.sessions


def test_a_language_the_user_chose_outranks_the_providers_locale_on_another_browser(app, client, provider):
    client.get(back_from_the_provider(to_the_provider(client)))  # locale en-GB: English
    client.post("/language", data={"csrf_token": _csrf(client), "lang": "uk", "next": "/"})

    elsewhere = app.test_client()
    elsewhere.environ_base["wsgi.url_scheme"] = "https"
    elsewhere.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    elsewhere.get(back_from_the_provider(to_the_provider(elsewhere)))

    with elsewhere.session_transaction() as session:
        assert session["user"] == "u-481" and session["lang"] == "uk"
    assert "Вийти" in elsewhere.get("/applications").text  # "Sign out", in Ukrainian


def test_the_demo_users_form_is_not_there_with_a_provider(client):
    answer = client.post("/sign-in", data={"username": "admin", "password": "x", "csrf_token": _csrf(client)})

    assert answer.status_code == 200 and 'name="password"' not in answer.text
    assert signed_in_user(client) is None


def _csrf(client) -> str:
    with client.session_transaction() as session:
        session.setdefault("csrf", "token-for-tests")
        return session["csrf"]
