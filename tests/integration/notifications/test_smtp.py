"""E-mail goes to a real SMTP server (aiosmtpd, started by the test) over STARTTLS with
authentication, with a neutral subject and the text in the reader's language; a refused
recipient falls to the failed status with the server's code, a server that will not
take it now is tried again."""

from __future__ import annotations

import uuid

import pytest

from services.notifications.bootstrap import bootstrap
from services.notifications.service import SERVICE
from services.notifications.usecases.dispatch import dispatch_due
from shared import config, migrations
from shared.events.contracts.grants import APPLICATION_SUBMITTED
from tests.support.fixtures import TEST_SECRET
from tests.support.notifications.people import EMAIL, consent_change, deliver, event, person
from tests.support.notifications.queries import messages_of
from tests.support.smtp_server import PASSWORD, USER, SmtpServer

pytestmark = pytest.mark.integration


@pytest.fixture
def smtp(tmp_path):
    with SmtpServer(tmp_path) as server:
        yield server


def runtime_for(tmp_path, smtp, password: str = PASSWORD):
    settings = config.from_env("notifications", {
        "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET,
        "NOTIFICATIONS_QUIET_HOURS": "off", "NOTIFICATIONS_EMAIL_GATEWAY": smtp.url,
        "NOTIFICATIONS_SMTP_USERNAME": USER, "NOTIFICATIONS_SMTP_PASSWORD": password,
        "NOTIFICATIONS_SMTP_CA_FILE": str(smtp.cert), "NOTIFICATIONS_EMAIL_FROM": "info@vidnova.test"})
    migrations.upgrade(SERVICE.migrations_dir, settings.database_url)
    return bootstrap(settings)


def message_of(runtime, beneficiary_id):
    (message,) = messages_of(runtime, beneficiary_id)
    return message


def test_an_email_arrives_over_starttls_with_authentication_in_the_readers_language(tmp_path, smtp):
    runtime = runtime_for(tmp_path, smtp)
    someone = person(runtime, sms_consent=False, email=EMAIL, email_consent=True, language="ru")
    consent_change(runtime, someone, language="ru", sms=True, email=True)  # the welcome
    dispatch_due(runtime)

    ((secured, email),) = smtp.mailbox.messages
    assert secured and smtp.mailbox.logins == [USER]
    assert (email["To"], email["From"], email["Subject"]) == (EMAIL, "info@vidnova.test", "Сообщение")
    assert email.get_content().startswith("Здравствуйте! Вы зарегистрированы.")
    assert message_of(runtime, someone)["status"] == "sent"
    runtime.close()


def application_received(runtime, beneficiary_id: str) -> None:
    deliver(runtime, event(APPLICATION_SUBMITTED, {
        "application_id": str(uuid.uuid4()), "programme_id": str(uuid.uuid4()),
        "beneficiary_id": beneficiary_id, "requested_amount": "1000.00", "currency": "UAH",
        "sector": "C", "oblast": "UA-46"}))


def test_a_refused_recipient_fails_the_message_with_the_servers_code(tmp_path, smtp):
    smtp.mailbox.refuse_with = "550 5.1.1 no such mailbox"
    runtime = runtime_for(tmp_path, smtp)
    someone = person(runtime, sms_consent=False, email=EMAIL, email_consent=True)
    application_received(runtime, someone)
    dispatch_due(runtime)
    dispatch_due(runtime)

    message = message_of(runtime, someone)
    assert (message["status"], message["reason"]) == ("failed", "smtp_550")
    runtime.close()


def test_a_server_that_will_not_take_it_now_is_tried_again(tmp_path, smtp):
    smtp.mailbox.refuse_with = "451 4.3.0 try again later"
    runtime = runtime_for(tmp_path, smtp)
    someone = person(runtime, sms_consent=False, email=EMAIL, email_consent=True)
    application_received(runtime, someone)
    dispatch_due(runtime)

    message = message_of(runtime, someone)
    assert (message["status"], message["reason"]) == ("queued", "smtp_451")
    assert smtp.mailbox.messages == []
    runtime.close()


def test_a_connection_lost_while_handing_the_message_over_is_never_sent_again(tmp_path, smtp):
    smtp.mailbox.hang_up_in_data = True
    runtime = runtime_for(tmp_path, smtp)
    someone = person(runtime, sms_consent=False, email=EMAIL, email_consent=True)
    application_received(runtime, someone)
    dispatch_due(runtime)
    dispatch_due(runtime)

    message = message_of(runtime, someone)
    assert (message["status"], message["reason"], message["attempts"]) == (
        "sending", "smtp_connection_lost", 1)  # for the reconciler, never a blind resend
    runtime.close()
