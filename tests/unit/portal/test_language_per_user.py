"""The language is chosen per user: a choice made while signed in, or on the sign-in page
just before, is kept for the user (by their subject) and opens their next sign-in in it,
on another browser or after signing out; it is theirs alone, and a language the last
user's session left in the browser is not taken for the next user's choice. A preference
store that cannot be reached leaves the pages working, in the session's language."""

from __future__ import annotations

from services.portal.adapters.preferences import Preferences
from shared.db import Database
from tests.unit.portal.conftest import browser, csrf, sign_in

SIGN_OUT_EN, SIGN_OUT_UK = ">Sign out<", ">Вийти<"


def choose(client, language: str) -> None:
    client.post("/language", data={"csrf_token": csrf(client), "lang": language, "next": "/"})


def language_of(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("lang")


def test_a_language_chosen_while_signed_in_opens_the_users_sign_in_on_another_browser(app, client, passwords):
    sign_in(client, passwords, "caseworker")
    choose(client, "en")

    elsewhere = browser(app)  # a browser that never chose: it would get Ukrainian
    sign_in(elsewhere, passwords, "caseworker")

    assert language_of(elsewhere) == "en"
    assert SIGN_OUT_EN in elsewhere.get("/").text


def test_the_language_follows_the_user_past_signing_out_and_a_cleared_browser(app, client, passwords):
    sign_in(client, passwords, "trainer")
    choose(client, "uk")
    choose(client, "en")  # the last choice is the one kept
    client.post("/sign-out", data={"csrf_token": csrf(client)})
    client.delete_cookie("__Host-vidnova")  # nothing of the browser's session is left

    sign_in(client, passwords, "trainer")

    assert language_of(client) == "en" and SIGN_OUT_EN in client.get("/").text


def test_one_users_choice_is_not_anothers(app, client, passwords):
    sign_in(client, passwords, "caseworker")
    choose(client, "en")

    colleague = browser(app)
    sign_in(colleague, passwords, "trainer")

    assert language_of(colleague) is None and SIGN_OUT_UK in colleague.get("/").text


def test_a_choice_made_on_the_sign_in_page_is_the_users_and_kept_for_them(app, client, passwords):
    sign_in(client, passwords, "caseworker")
    choose(client, "uk")  # kept for the caseworker
    other_browser = browser(app)
    other_browser.get("/sign-in")
    choose(other_browser, "en")  # chosen before signing in there

    sign_in(other_browser, passwords, "caseworker")
    third = browser(app)
    sign_in(third, passwords, "caseworker")

    assert language_of(other_browser) == "en" and language_of(third) == "en"


def test_a_language_left_by_the_last_users_sign_out_is_not_the_next_users_choice(app, client, passwords):
    colleague = browser(app)
    sign_in(colleague, passwords, "trainer")
    choose(colleague, "uk")  # the trainer's own choice
    sign_in(client, passwords, "caseworker")
    choose(client, "en")
    client.post("/sign-out", data={"csrf_token": csrf(client)})  # the session keeps "en"

    sign_in(client, passwords, "trainer")  # the next user, at the same browser

    assert language_of(client) == "uk"
    elsewhere = browser(app)
    sign_in(elsewhere, passwords, "trainer")
    assert language_of(elsewhere) == "uk"  # nothing of the caseworker's was kept for them


def test_a_store_that_cannot_be_reached_reads_as_no_choice_and_keeps_none(tmp_path):
    unreachable = Preferences(Database(f"sqlite:///{tmp_path}/no-such-folder/portal.db"))

    assert unreachable.language_of("caseworker") is None
    assert unreachable.choose_language("caseworker", "en") is False


def test_a_kept_choice_is_read_back_and_replaced(settings, app):
    from services.portal.pages import EXTENSION

    preferences = app.extensions[EXTENSION].preferences
    assert preferences.language_of("u-1") is None
    assert preferences.choose_language("u-1", "en") and preferences.choose_language("u-1", "uk")

    assert preferences.language_of("u-1") == "uk"
