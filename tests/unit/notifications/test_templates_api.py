"""``/templates``: administrators list, edit (with history) and preview templates, each
SMS's length, encoding and segments shown; an edit naming a denied word, in any
language, is refused; a saved text is what the next message says."""

from __future__ import annotations

import pytest

from services.notifications.usecases.dispatch import dispatch_due
from shared.roles import ADMIN, CASEWORKER, TRAINER
from tests.support.notifications.people import person
from tests.support.notifications.queries import sink

WELCOME_UK = "/templates/welcome/uk"


def test_every_kind_is_listed_in_each_language_with_its_sms_size(client, bearer):
    listed = client.get("/templates", headers=bearer(ADMIN)).json
    assert {(t["kind"], t["language"]) for t in listed} >= {("welcome", "uk"), ("welcome", "ru"),
                                                           ("tranche_paid", "en")}
    welcome = next(t for t in listed if (t["kind"], t["language"]) == ("welcome", "en"))
    assert welcome["sms"] == {"length": len(welcome["body"]), "encoding": "GSM-7", "segments": 1}
    welcome_uk = next(t for t in listed if (t["kind"], t["language"]) == ("welcome", "uk"))
    assert welcome_uk["sms"]["encoding"] == "UCS-2" and welcome_uk["sms"]["segments"] == 2
    assert welcome["version"] == 0 and welcome["changed_by"] == "built-in"


def test_an_edit_is_kept_with_its_history_and_used_for_the_next_message(client, bearer, notifications):
    for body in ("Вітаємо! Ми на зв'язку.", "Вітаємо! Пишіть STOP, щоб відписатися."):
        saved = client.put(WELCOME_UK, json={"subject": "Новини", "body": body},
                           headers=bearer(ADMIN, user="ada"))
        assert saved.status_code == 200, saved.json
    assert saved.json["version"] == 2 and saved.json["changed_by"] == "ada"
    history = client.get(f"{WELCOME_UK}/history", headers=bearer(ADMIN)).json
    assert [(v["version"], v["body"][:10]) for v in history] == [(2, "Вітаємо! П"), (1, "Вітаємо! М")]

    person(notifications)
    dispatch_due(notifications)
    assert sink(notifications)[0]["body"] == "Вітаємо! Пишіть STOP, щоб відписатися."


@pytest.mark.parametrize(("language", "body", "word"), [
    ("uk", "Ласкаво просимо до програми для постраждалих.", "постраждалих"),
    ("ru", "Помощь жертвам и их семьям.", "жертвам"),
    ("en", "Support after trafficking.", "trafficking"),
])
def test_the_deny_list_blocks_a_template_in_each_language(client, bearer, language, body, word):
    refused = client.put(f"/templates/welcome/{language}", json={"subject": "Hi", "body": body},
                         headers=bearer(ADMIN))
    assert refused.status_code == 422
    assert refused.json["errors"]["denied_words"] == [word]
    assert client.get(f"/templates/welcome/{language}", headers=bearer(ADMIN)).json["version"] == 0


def test_a_template_with_a_variable_its_kind_has_not_is_refused(client, bearer):
    refused = client.put(WELCOME_UK, json={"subject": "Hi", "body": "Привіт, {{ first_name }}"},
                         headers=bearer(ADMIN))
    assert refused.status_code == 422 and "variables" in refused.json["errors"]


def test_a_preview_fills_the_text_with_sample_data_and_sizes_the_sms(client, bearer):
    shown = client.post("/templates/tranche_paid/en/preview", json={}, headers=bearer(ADMIN)).json
    assert shown["body"] == "Payment 1 of UAH15,000.00 arrived on April 2, 2026."
    assert shown["sms"] == {"length": 51, "encoding": "GSM-7", "segments": 1}

    draft = client.post("/templates/waitlisted/ru/preview", json={"body": "Очередь: {{ position }}"},
                        headers=bearer(ADMIN)).json
    assert draft["body"] == "Очередь: 3" and draft["sms"]["encoding"] == "UCS-2"


def test_a_preview_of_a_denied_text_is_refused_as_an_edit_would_be(client, bearer):
    refused = client.post("/templates/welcome/en/preview", json={"body": "For survivors"},
                          headers=bearer(ADMIN))
    assert refused.status_code == 422


def test_only_an_administrator_edits_and_only_staff_who_may_read_see(client, bearer):
    edit = {"subject": "Hi", "body": "Hello"}
    assert client.put(WELCOME_UK, json=edit, headers=bearer(CASEWORKER)).status_code == 403
    assert client.get("/templates", headers=bearer(TRAINER)).status_code == 403
    assert client.get("/templates", headers=bearer(CASEWORKER)).status_code == 200


def test_an_unknown_kind_or_language_is_not_found(client, bearer):
    assert client.get("/templates/birthday/uk", headers=bearer(ADMIN)).status_code == 404
    assert client.put("/templates/welcome/de", json={"subject": "a", "body": "b"},
                      headers=bearer(ADMIN)).status_code == 404
