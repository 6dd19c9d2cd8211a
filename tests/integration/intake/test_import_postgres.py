"""On PostgreSQL and RabbitMQ: a file of several batches imports each person once (repeats
within a batch and across batches held back), every registration reaches training,
grants and notifications once, and an import whose process was killed goes on from its
committed batches when the same file comes again."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from services.intake.adapters import import_store as store
from services.intake.adapters.tables import beneficiaries
from services.intake.api import intake
from services.intake.usecases.imports import BATCH_SIZE, Importer, Upload
from shared.roles import CASEWORKER
from tests.support.intake.people import HEADER, invalid, person
from tests.support.killed_imports import beat_ago, kill_after
from tests.support.queries import count_rows, effect_counts
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

PEOPLE = 2 * BATCH_SIZE + 50  # three batches
INVALID = {7, 260}
REPEATS = {20: 3, BATCH_SIZE + 30: 12}  # row index: the index it repeats (same batch, across)


def cases_csv() -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(HEADER)
    for n in range(PEOPLE):
        writer.writerow(invalid(n) if n in INVALID else person(REPEATS.get(n, n)))
    return text.getvalue().encode()


def upload(client, platform, data: bytes):
    return client.post("/imports", data={"file": (io.BytesIO(data), "cases.csv"),
                                         "preferred_language": "uk"},
                       headers=platform.token(CASEWORKER), content_type="multipart/form-data")


def test_a_file_of_several_batches_registers_each_person_once_and_everyone_hears_of_them(platform):
    client = platform.client("intake")
    first = upload(client, platform, cases_csv())
    again = upload(client, platform, cases_csv())
    platform.start_workers()

    assert (first.status_code, again.status_code) == (201, 200)
    body = first.get_json()
    registered = PEOPLE - len(INVALID) - len(REPEATS)
    assert (body["status"], body["total_rows"], body["registered"], body["rejected"],
            body["duplicates"]) == ("done", PEOPLE, registered, len(INVALID), len(REPEATS))
    assert again.get_json() == body
    assert count_rows(platform, "intake", beneficiaries) == registered
    report = client.get(f"/imports/{body['id']}/rejections.csv", headers=platform.token(CASEWORKER))
    held_rows = {int(line[0]) for line in csv.reader(io.StringIO(report.get_data(as_text=True)))
                 if line[1] == "prs_FirstName" and "registered already" in line[2]}
    assert held_rows == {index + 2 for index in REPEATS}  # row 1 is the header
    for service in ("training", "grants", "notifications"):
        counts = eventually(lambda s=service: len(effect_counts(platform, s)) == registered and
                            effect_counts(platform, s), what=f"{service} to hear of everyone")
        assert set(counts.values()) == {1}, service


def test_an_import_killed_outright_goes_on_from_its_committed_batches(platform, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_bytes(cases_csv())
    app = platform.client("intake").application
    with app.app_context():
        importer = Importer(intake())
    file = Upload(path, path.name, "uk", "cw-1")

    kill_after(importer, file, batches=1)
    assert count_rows(platform, "intake", beneficiaries) == BATCH_SIZE - 2  # one invalid, one repeat

    beat_ago(app, store.STALE_AFTER + timedelta(seconds=1))
    resumed = importer.run(file)

    assert (resumed.resumed, resumed.record["status"], resumed.record["total_rows"]) == (
        True, "done", PEOPLE)
    assert count_rows(platform, "intake", beneficiaries) == PEOPLE - len(INVALID) - len(REPEATS)
