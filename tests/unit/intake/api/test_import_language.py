"""``POST /imports`` without ``preferred_language``: the programme's default language
(``INTAKE_DEFAULT_LANGUAGE``) applies, as for OpenRosa submissions, and the answer names
the language applied."""

from __future__ import annotations

import pytest

from services.intake.adapters.tables import beneficiaries
from shared import config, migrations
from tests.support.fixtures import TEST_SECRET
from tests.support.intake.people import person, write_csv
from tests.support.intake.queries import rows
from tests.support.intake.uploads import upload


@pytest.fixture
def russian_speaking_programme(tmp_path):
    """Intake of a programme whose default language is Russian: (settings, client)."""
    from services.intake.app import create_app
    from services.intake.service import SERVICE

    (data_dir := tmp_path / "ru").mkdir()
    settings = config.from_env("intake", {"VIDNOVA_DATA_DIR": str(data_dir),
                                          "JWT_SECRET": TEST_SECRET, "INTAKE_DEFAULT_LANGUAGE": "ru"})
    for migrations_dir, url in SERVICE.migration_targets(settings):
        migrations.upgrade(migrations_dir, url)
    return settings, create_app(settings, configure_logging=False).test_client()


def test_an_upload_without_a_language_takes_the_programmes_default_and_says_so(
        russian_speaking_programme, bearer, tmp_path):
    settings, client = russian_speaking_programme

    response = upload(client, bearer, write_csv(tmp_path / "cases.csv", [person(1), person(2)]),
                      language=None)

    assert response.status_code == 201
    assert (response.get_json()["preferred_language"], response.get_json()["registered"]) == ("ru", 2)
    assert {row["preferred_language"] for row in rows(settings, beneficiaries)} == {"ru"}


def test_a_language_given_wins_over_the_default(russian_speaking_programme, bearer, tmp_path):
    settings, client = russian_speaking_programme

    response = upload(client, bearer, write_csv(tmp_path / "cases.csv", [person(1)]), language="uk")

    assert response.get_json()["preferred_language"] == "uk"
    assert {row["preferred_language"] for row in rows(settings, beneficiaries)} == {"uk"}
