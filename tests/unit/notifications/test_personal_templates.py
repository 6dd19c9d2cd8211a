"""A message names a person only when its template is marked personal and the person
consented to be named: the given name reaches notifications sealed in the contact, is
used in a personal template's body alone, and is never kept in a message, an event, a
log line or the history. Anyone else reads the template's fallback."""

from __future__ import annotations

import logging

from sqlalchemy import select

from services.notifications.adapters.tables import messages, sms_sink
from services.notifications.usecases.dispatch import dispatch_due
from shared.events.contracts import CONTRACTS
from shared.events.contracts.intake import BENEFICIARY_CONTACT_CHANGED
from shared.roles import ADMIN, CASEWORKER
from tests.support.notifications.people import consent_change, contact, erase, person
from tests.support.notifications.queries import sink

WELCOME_EN = "/templates/welcome/en"
PERSONAL = {"subject": "News", "body": "Hello {{ given_name }}, you are registered.",
            "personal": True, "fallback": "Hello, you are registered."}
NAME = "Oksana"


def personal_welcome(client, bearer) -> None:
    saved = client.put(WELCOME_EN, json=PERSONAL, headers=bearer(ADMIN))
    assert saved.status_code == 200, saved.json


def sent_to(notifications, beneficiary_id: str) -> str:
    (body,) = [row["body"] for row in sink(notifications) if row["beneficiary_id"] == beneficiary_id]
    return body


def test_a_personal_template_greets_a_consenting_person_by_given_name(client, bearer, notifications):
    personal_welcome(client, bearer)
    named = person(notifications, language="en", named=True, given_name=NAME)
    dispatch_due(notifications)
    assert sent_to(notifications, named) == f"Hello {NAME}, you are registered."


def test_without_consent_to_be_named_the_fallback_is_sent(client, bearer, notifications):
    personal_welcome(client, bearer)
    unnamed = person(notifications, language="en", named=False, given_name=NAME)
    dispatch_due(notifications)
    assert sent_to(notifications, unnamed) == "Hello, you are registered."


def test_consent_without_a_known_name_gets_the_fallback(client, bearer, notifications):
    personal_welcome(client, bearer)
    nameless = person(notifications, language="en", named=True, given_name=None)
    dispatch_due(notifications)
    assert sent_to(notifications, nameless) == "Hello, you are registered."


def test_a_name_in_the_contact_without_consent_recorded_is_not_used(client, bearer, notifications):
    """Both must agree: the consent event and the name in the sealed contact."""
    personal_welcome(client, bearer)
    someone = person(notifications, language="en", named=False)
    contact(notifications, someone, "en", given_name=NAME)
    dispatch_due(notifications)
    assert NAME not in sent_to(notifications, someone)


def test_withdrawing_consent_to_be_named_removes_the_name(notifications):
    someone = person(notifications, language="en", named=True, given_name=NAME)
    consent_change(notifications, someone, "en", named=False)
    contact(notifications, someone, "en", given_name=None)  # intake sends the contact again
    with notifications.reading() as session:
        assert notifications.contacts.given_name(session, someone) is None
        assert notifications.contacts.channels(session, someone) == {"sms": "+380671112233",
                                                                      "email": None}


def test_erasure_deletes_the_name_with_the_contact_and_the_sinks_copy(client, bearer, notifications):
    personal_welcome(client, bearer)
    someone = person(notifications, language="en", named=True, given_name=NAME)
    dispatch_due(notifications)
    erase(notifications, someone, "en")
    with notifications.reading() as session:
        assert notifications.contacts.given_name(session, someone) is None
    assert [row for row in sink(notifications) if row["beneficiary_id"] == someone] == []


def test_the_name_is_in_no_message_event_log_or_history(client, bearer, notifications, caplog):
    personal_welcome(client, bearer)
    someone = person(notifications, language="en", named=True, given_name=NAME)
    with caplog.at_level(logging.DEBUG):
        dispatch_due(notifications)
    assert NAME in sent_to(notifications, someone)  # it was used ...
    outbox = notifications.outbox.tables.outbox
    with notifications.reading() as session:
        stored = [str(dict(row)) for row in session.execute(select(messages)).mappings()]
        published = [str(row) for row in session.execute(select(outbox.c.payload)).scalars()]
    history = client.get(f"/beneficiaries/{someone}/messages", headers=bearer(CASEWORKER))
    assert history.status_code == 200
    for place in (*stored, *published, caplog.text, history.get_data(as_text=True)):
        assert NAME not in place  # ... and kept nowhere


def test_a_template_not_marked_personal_may_not_use_the_name(client, bearer):
    refused = client.put(WELCOME_EN, json={"subject": "News", "body": "Hello {{ given_name }}"},
                         headers=bearer(ADMIN))
    assert refused.status_code == 422
    assert any(e.startswith("given_name:") for e in refused.json["errors"]["variables"])
    assert client.get(WELCOME_EN, headers=bearer(ADMIN)).json["version"] == 0


def test_a_personal_template_needs_a_fallback_that_does_not_name(client, bearer):
    without = client.put(WELCOME_EN, json={**PERSONAL, "fallback": None}, headers=bearer(ADMIN))
    assert without.status_code == 422 and "fallback" in without.json["errors"]
    naming = client.put(WELCOME_EN, json={**PERSONAL, "fallback": "Hi {{ given_name }}"},
                        headers=bearer(ADMIN))
    assert naming.status_code == 422
    assert any(e.startswith("given_name:") for e in naming.json["errors"]["variables"])


def test_the_subject_never_names_even_in_a_personal_template(client, bearer):
    refused = client.put(WELCOME_EN, json={**PERSONAL, "subject": "For {{ given_name }}"},
                         headers=bearer(ADMIN))
    assert refused.status_code == 422
    assert any(e.startswith("given_name:") for e in refused.json["errors"]["variables"])


def test_personal_and_fallback_are_kept_in_the_history_and_previewed(client, bearer):
    personal_welcome(client, bearer)
    [version] = client.get(f"{WELCOME_EN}/history", headers=bearer(ADMIN)).json
    assert (version["personal"], version["fallback"]) == (True, PERSONAL["fallback"])
    preview = client.post(f"{WELCOME_EN}/preview", json={}, headers=bearer(ADMIN)).json
    assert preview["body"] == "Hello Olena, you are registered."  # the sample name
    assert preview["fallback"] == PERSONAL["fallback"]


def test_a_contact_event_from_before_the_given_name_reads_as_none():
    wire = {"beneficiary_id": "5b0f3c1e-1c1a-4a57-9d57-3d4b0c9d2f10", "preferred_language": "uk",
            "sms": "+380671112233", "email": None}
    loaded = CONTRACTS.deserialize(BENEFICIARY_CONTACT_CHANGED, 1, wire)
    assert loaded["given_name"] is None


def test_the_sinks_copy_of_a_named_message_is_sealed_on_disk_and_opened_by_the_api(
        client, bearer, notifications):
    personal_welcome(client, bearer)
    someone = person(notifications, language="en", named=True, given_name=NAME)
    dispatch_due(notifications)

    with notifications.reading() as session:
        raw = [str(dict(row)) for row in session.execute(select(sms_sink)).mappings()]
    assert raw and all(NAME not in row for row in raw)
    read = client.get(f"/sinks/sms?beneficiary_id={someone}", headers=bearer(CASEWORKER))
    assert [row["body"] for row in read.json] == [f"Hello {NAME}, you are registered."]
