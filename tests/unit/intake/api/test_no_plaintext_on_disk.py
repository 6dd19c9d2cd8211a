"""Registered people leave no name, phone, e-mail or birthdate in clear on disk: not in
any table, and not in the SQLite files themselves (write-ahead log included)."""

from __future__ import annotations

from tests.support.plaintext_scan import dump_database, found_in, secrets_of
from tests.support.registrations import registration


def test_the_embedded_database_files_hold_no_personal_data_in_clear(client, bearer,
                                                                    intake_settings):
    people = []
    for _ in range(5):
        body = registration()
        body["person"]["email"] = f"{body['person']['first_name'].lower()}@example.org"
        assert client.post("/beneficiaries", json=body,
                           headers=bearer("caseworker")).status_code == 201
        people.append(body)
    secrets = [s for person in people for s in secrets_of(person)]
    # The scan can see what it looks for: the same search finds a planted value.
    assert found_in(b"x" + secrets[0].encode() + b"x", secrets) == [secrets[0]]

    for url in (intake_settings.database_url, intake_settings.database_url_for("keystore")):
        assert found_in(dump_database(url), secrets) == []
    files = sorted(intake_settings.data_dir.glob("intake*.db*"))
    assert {"intake.db", "intake-keystore.db"} <= {f.name for f in files}
    for path in files:
        assert found_in(path.read_bytes(), secrets) == [], path.name
