"""On PostgreSQL: a full HTCDS form submitted through OpenRosa registers the person once,
however often the same instance is resent, and intake announces it; sent while the
database is unreachable, it is answered 503 with Retry-After in the OpenRosa envelope."""

from __future__ import annotations

import base64
import io

import pytest

from services.intake.adapters.tables import beneficiaries
from shared.db import Database
from shared.roles import CASEWORKER
from tests.support.connection_faults import refusing_connections
from tests.support.intake.filled_form import filled_form
from tests.support.queries import count_rows

pytestmark = pytest.mark.integration


def basic(platform) -> dict:
    token = platform.token(CASEWORKER)["Authorization"].split(" ", 1)[1]
    return {"Authorization": "Basic " + base64.b64encode(f"enumerator:{token}".encode()).decode()}


def submit(platform):
    form = {"xml_submission_file": (io.BytesIO(filled_form()), "htcds.xml", "text/xml")}
    return platform.client("intake").post("/openrosa/submission?language=uk", data=form,
                                          content_type="multipart/form-data",
                                          headers={"X-OpenRosa-Version": "1.0", **basic(platform)})


def test_a_submission_registers_once_and_a_resend_is_acknowledged(platform):
    first, again = submit(platform), submit(platform)

    assert (first.status_code, again.status_code) == (201, 202)
    assert count_rows(platform, "intake", beneficiaries) == 1
    outbox = platform.service("intake").messaging.outbox
    db = Database(platform.settings("intake").database_url)
    with db.reading() as session:
        types = session.execute(outbox.select().with_only_columns(outbox.c.event_type)).scalars()
        assert sorted(types) == ["intake.beneficiary.consent_changed",
                                 "intake.beneficiary.registered"]
    db.dispose()


def test_a_submission_while_the_database_is_unreachable_is_a_503_to_send_again(platform):
    with refusing_connections(platform, "INTAKE_DATABASE_URL"):
        refused = submit(platform)
    sent_again = submit(platform)

    assert refused.status_code == 503 and int(refused.headers["Retry-After"]) > 0
    assert refused.headers["X-OpenRosa-Version"] == "1.0"
    assert b'nature="error"' in refused.data and b"Send the form again later" in refused.data
    assert sent_again.status_code == 201
    assert count_rows(platform, "intake", beneficiaries) == 1
