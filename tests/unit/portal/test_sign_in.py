"""Signing in and out of the portal: the demo users, the messages, the slowdown, the
session cookie and its CSRF token, the idle time-out."""

from __future__ import annotations

import json
import time

from services.portal.domain.backoff import SignInBackoff
from shared.roles import CASEWORKER
from tests.unit.portal.conftest import csrf, sign_in


def test_demo_users_are_kept_as_argon2_hashes_and_their_passwords_given_once(settings, passwords):
    from services.portal.adapters import demo_users

    kept = (settings.data_dir / "portal-demo-users.json").read_text()
    assert set(passwords) == set(demo_users.DEMO_USERS)
    assert all(password not in kept for password in passwords.values())
    assert all(entry["hash"].startswith("$argon2") for entry in json.loads(kept)["users"].values())
    assert demo_users.seed(settings.data_dir / "portal-demo-users.json") is None  # not again
    assert (settings.data_dir / "portal-demo-users.json").stat().st_mode & 0o077 == 0


def test_a_demo_user_signs_in_with_the_password_printed(client, passwords):
    answer = sign_in(client, passwords)
    assert answer.status_code == 302 and answer.headers["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200 and b"caseworker" in home.data


def test_a_failed_sign_in_does_not_say_whether_the_name_or_the_password_was_wrong(client, passwords):
    client.get("/sign-in")
    token = csrf(client)
    wrong_password = client.post("/sign-in", data={"username": "caseworker", "password": "nope",
                                                   "csrf_token": token})
    unknown_name = client.post("/sign-in", data={"username": "nobody", "password": "nope",
                                                 "csrf_token": token})
    assert wrong_password.status_code == unknown_name.status_code == 401
    assert wrong_password.data.replace(b"caseworker", b"") == unknown_name.data.replace(b"nobody", b"")


def test_repeated_failures_make_each_attempt_wait_twice_as_long():
    now = [1000.0]
    backoff = SignInBackoff(lambda: now[0], free=3, first_wait=1, longest_wait=300)
    for _ in range(3):
        assert backoff.wait("name:x") == 0
        backoff.failed("name:x")
    assert backoff.wait("name:x") == 1
    backoff.failed("name:x")
    assert backoff.wait("name:x") == 2
    backoff.failed("name:x")
    assert backoff.wait("name:x") == 4
    now[0] += 4
    assert backoff.wait("name:x") == 0
    backoff.succeeded("name:x")
    backoff.failed("name:x")
    assert backoff.wait("name:x") == 0


def test_a_name_under_its_wait_is_refused_even_with_the_right_password(client, passwords, app):
    client.get("/sign-in")
    for _ in range(4):
        client.post("/sign-in", data={"username": "caseworker", "password": "wrong",
                                      "csrf_token": csrf(client)})
    answer = client.post("/sign-in", data={"username": "caseworker", "password": passwords["caseworker"],
                                           "csrf_token": csrf(client)})
    assert answer.status_code == 429
    with client.session_transaction() as session:
        assert "user" not in session


def test_a_form_without_the_sessions_csrf_token_is_refused(client, passwords):
    client.get("/sign-in")
    answer = client.post("/sign-in", data={"username": "caseworker", "password": passwords["caseworker"]})
    assert answer.status_code == 400
    forged = client.post("/sign-in", data={"username": "caseworker", "password": passwords["caseworker"],
                                           "csrf_token": "guessed"})
    assert forged.status_code == 400


def test_a_request_the_browser_says_came_from_another_site_is_refused(client, passwords):
    client.get("/sign-in")
    answer = client.post("/sign-in", headers={"Sec-Fetch-Site": "cross-site"}, data={
        "username": "caseworker", "password": passwords["caseworker"], "csrf_token": csrf(client)})
    assert answer.status_code == 403


def test_the_session_cookie_is_secure_http_only_and_same_site(client, passwords):
    cookie = sign_in(client, passwords).headers["Set-Cookie"]
    assert cookie.startswith("__Host-vidnova=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie


def test_signing_in_gives_a_new_csrf_token(client, passwords):
    client.get("/sign-in")
    before = csrf(client)
    sign_in(client, passwords)
    with client.session_transaction() as session:
        assert session["csrf"] != before


def test_a_session_idle_past_the_time_out_is_signed_out(client, passwords):
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    sign_in(client, passwords)
    with client.session_transaction() as session:
        session["seen"] = time.time() - 901
    answer = client.get("/beneficiaries")
    assert answer.status_code == 302 and answer.headers["Location"].startswith("/sign-in")
    with client.session_transaction() as session:
        assert "user" not in session
    page = client.get(answer.headers["Location"])
    assert "signed out after a time without activity" in page.text


def test_a_session_past_its_lifetime_ends_however_active(client, passwords):
    sign_in(client, passwords)
    with client.session_transaction() as session:
        session["started"] = time.time() - 8 * 3600 - 1
    assert client.get("/beneficiaries").status_code == 302


def test_sign_out_ends_the_session(client, passwords):
    sign_in(client, passwords)
    answer = client.post("/sign-out", data={"csrf_token": csrf(client)})
    assert answer.status_code == 302
    assert client.get("/beneficiaries").status_code == 302


def test_after_sign_in_the_user_goes_back_only_to_a_page_of_this_site(client, passwords):
    client.get("/sign-in")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        answer = client.post("/sign-in", data={"username": "caseworker", "password": passwords["caseworker"],
                                               "csrf_token": csrf(client), "next": target})
        assert answer.headers["Location"] == "/", target
        client.post("/sign-out", data={"csrf_token": csrf(client)})


def test_a_page_outside_the_users_sections_is_refused(client, passwords):
    sign_in(client, passwords, "trainer")
    assert client.get("/beneficiaries").status_code == 403
    assert client.get("/payments").status_code == 403


def test_the_services_are_called_with_a_short_token_of_the_user_and_their_roles(client, passwords, app, fake):
    from services.portal.pages import EXTENSION

    fake.answers["imports"] = []
    sign_in(client, passwords)
    assert client.get("/imports").status_code == 200
    token = app.extensions[EXTENSION].tokens_seen[-1]
    principal = app.extensions[EXTENSION].verifier.verify(token)
    assert principal.user == "caseworker" and principal.roles == {CASEWORKER}
    import jwt

    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] <= 300
