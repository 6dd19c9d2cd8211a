"""``POST /imports`` and ``vidnova import`` hold a file to the same caps, set here low
through intake's settings, and answer each refusal as what it is: 413 for a file over the
size cap (nothing read, nothing recorded), 422 for a file refused further on and 500 for
an import an error stopped, both naming the failed import, which keeps the rows taken
before the stop. A file's name is kept as a safe base name."""

from __future__ import annotations

import io

import pytest
from sqlalchemy.exc import OperationalError

from services.intake.adapters.spreadsheets.reader import WRONG_KIND
from services.intake.commands.imports import import_file
from services.intake.usecases import imports as import_usecase
from services.intake.usecases.imports import STOPPED
from shared import config
from tests.support.fixtures import TEST_SECRET
from tests.support.intake.people import HEADER, people, person, write_csv
from tests.support.intake.uploads import counts, upload

MAX_FILE_BYTES = 4096
CAPS = {"INTAKE_IMPORT_MAX_FILE_BYTES": str(MAX_FILE_BYTES), "INTAKE_IMPORT_MAX_ROWS": "5",
        "INTAKE_IMPORT_MAX_CELLS_PER_ROW": "12"}
TOO_LARGE = "The file is larger than 4 KiB, the most one import takes: split it into files of fewer rows."


@pytest.fixture
def intake_settings(tmp_path) -> config.Settings:
    return config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET, **CAPS})


def listed(client, bearer) -> list[dict]:
    return client.get("/imports", headers=bearer("caseworker")).get_json()


def failed_import(client, bearer, response) -> dict:
    """The failed import a 422 or 500 names, as ``GET /imports/<id>`` shows it."""
    body = response.get_json()
    kept = client.get(response.headers["Location"], headers=bearer("caseworker")).get_json()
    assert kept["id"] == body["errors"]["import_id"]
    assert (kept["status"], kept["failure"]) == ("failed", body["message"])
    return kept


def test_a_file_over_the_size_cap_answers_413_and_records_nothing(client, bearer, tmp_path):
    path = write_csv(tmp_path / "cases.csv", people(60))
    assert MAX_FILE_BYTES < path.stat().st_size < MAX_FILE_BYTES + 64 * 1024  # past Werkzeug's check

    response = upload(client, bearer, path)

    assert response.status_code == 413
    assert response.get_json() == {"code": 413, "status": "Request Entity Too Large", "message": TOO_LARGE}
    assert listed(client, bearer) == []


def test_a_body_over_the_size_cap_is_refused_before_any_of_it_is_read(client, bearer):
    class Unread(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body was read")

        readinto = readline = read

    response = client.post("/imports", input_stream=Unread(), headers=bearer("caseworker"),
                           content_type="multipart/form-data; boundary=x",
                           environ_overrides={"CONTENT_LENGTH": str(MAX_FILE_BYTES + 1024 * 1024)})

    assert response.status_code == 413
    assert response.get_json() == {"code": 413, "status": "Request Entity Too Large", "message": TOO_LARGE}
    assert listed(client, bearer) == []


def test_a_row_over_the_cells_cap_answers_422_and_the_import_keeps_the_rows_before_it(
        client, bearer, tmp_path):
    wide = [*person(3), "", "", "", "", "x"]  # 13 cells
    path = write_csv(tmp_path / "cases.csv", [person(1), person(2), wide, person(4)])

    response = upload(client, bearer, path)

    assert response.status_code == 422
    assert response.get_json()["message"].startswith("Row 4 has more than 12 cells")
    assert response.get_json()["errors"]["file"] == [response.get_json()["message"]]
    assert counts(failed_import(client, bearer, response)) == (2, 2, 0, 0)


def test_rows_past_the_rows_cap_answer_422_once_the_cap_rows_are_imported(client, bearer, tmp_path):
    response = upload(client, bearer, write_csv(tmp_path / "cases.csv", people(6)))

    assert response.status_code == 422
    assert response.get_json()["message"] == (
        "The file has more than 5 rows, the most one import takes: the rows after row 6 were not "
        "read. Import them from a file of their own.")
    assert counts(failed_import(client, bearer, response)) == (5, 5, 0, 0)


def test_a_file_of_another_kind_answers_422_naming_its_failed_import(client, bearer, tmp_path):
    path = tmp_path / "cases.pdf"
    path.write_bytes(b"%PDF-1.7")

    response = upload(client, bearer, path)

    assert response.status_code == 422
    assert response.get_json()["message"] == WRONG_KIND
    assert counts(failed_import(client, bearer, response)) == (0, 0, 0, 0)


def test_an_import_stopped_by_an_unexpected_error_answers_500_naming_it(
        client, bearer, tmp_path, monkeypatch):
    def failing(*args):
        raise OperationalError("INSERT ...", {}, Exception("the database went away"))

    monkeypatch.setattr(import_usecase, "register_many", failing)
    response = upload(client, bearer, write_csv(tmp_path / "cases.csv", people(2)))

    assert response.status_code == 500
    assert response.get_json()["message"] == STOPPED.format(done=0)
    assert "file" not in response.get_json()["errors"]
    failed_import(client, bearer, response)


def test_an_uploaded_file_name_is_stored_and_echoed_as_a_safe_base_name(client, bearer, tmp_path):
    path = write_csv(tmp_path / "cases.csv", people(1))
    sent = "../../olena/Справи \u202eвсі\x1b[2K.csv"

    with open(path, "rb") as file:
        response = client.post("/imports", data={"file": (file, sent), "preferred_language": "uk"},
                               headers=bearer("caseworker"), content_type="multipart/form-data")

    assert response.status_code == 201
    assert response.get_json()["filename"] == "Справи всі[2K.csv"
    assert listed(client, bearer)[0]["filename"] == "Справи всі[2K.csv"


def test_the_command_holds_a_file_to_the_same_caps(intake_runtime, tmp_path):
    too_large = write_csv(tmp_path / "large.csv", people(60))
    too_many = write_csv(tmp_path / "many.csv", people(6))

    with pytest.raises(SystemExit) as refused:
        import_file(intake_runtime, [str(too_large), "--language", "uk"])
    assert refused.value.code == f"vidnova: {TOO_LARGE}"

    with pytest.raises(SystemExit) as failed:
        import_file(intake_runtime, [str(too_many), "--language", "uk"])
    assert " failed: 5 rows: 5 registered" in failed.value.code
    assert "The file has more than 5 rows" in failed.value.code


def test_the_command_shows_a_file_name_as_a_safe_base_name(intake_runtime, tmp_path):
    path = write_csv(tmp_path / "справи\x1b[31m\n.csv", [person(1)], header=HEADER)

    printed = import_file(intake_runtime, [str(path), "--language", "uk"])

    assert " of справи[31m.csv done: 1 rows" in printed
