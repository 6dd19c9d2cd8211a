"""On PostgreSQL: registered people leave no name, phone, e-mail or birthdate in clear in
any table of intake's database or its key store."""

from __future__ import annotations

import pytest

from shared.roles import CASEWORKER
from tests.support.plaintext_scan import dump_database, found_in, secrets_of
from tests.support.registrations import registration

pytestmark = pytest.mark.integration


def test_no_table_of_intake_holds_personal_data_in_clear(platform):
    client, headers = platform.client("intake"), platform.token(CASEWORKER)
    people = []
    for _ in range(10):
        body = registration(victim={"location_of_exploitation": "Warsaw"})
        body["person"]["email"] = f"{body['person']['first_name'].lower()}@example.org"
        assert client.post("/beneficiaries", json=body, headers=headers).status_code == 201
        people.append(body)
    secrets = [s for person in people for s in secrets_of(person)]

    settings = platform.settings("intake")
    intake, keystore = dump_database(settings.database_url), dump_database(
        settings.database_url_for("keystore"))

    assert len(intake) > 1000  # the scan read the rows
    assert found_in(intake, secrets) == []
    assert found_in(keystore, secrets) == []
    assert b"Warsaw" not in intake
