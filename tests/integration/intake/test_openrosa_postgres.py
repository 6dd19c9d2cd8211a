"""On PostgreSQL: a full HTCDS form submitted through OpenRosa registers the person once,
however often the same instance is resent, and intake announces it."""

from __future__ import annotations

import base64
import io

import pytest

from services.intake.adapters.tables import beneficiaries
from shared.db import Database
from shared.roles import CASEWORKER
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
