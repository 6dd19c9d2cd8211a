"""Oblasts typed by name in ``prs_MailingState`` are read as region codes on import; what
cannot be read is kept as typed, counted in the import's ``unresolved_regions`` (not an
error) and shown as unknown in the indicators."""

from __future__ import annotations

from shared.clock import utcnow
from tests.support.intake.people import person, write_csv
from tests.support.intake.uploads import upload

STATE = 5  # prs_MailingState's column in tests.support.intake.people


def row(n: int, state: str) -> list[str]:
    cells = person(n)
    cells[STATE] = state
    return cells


def imported(client, bearer, tmp_path, states: list[str]) -> dict:
    path = write_csv(tmp_path / "cases.csv", [row(n, state) for n, state in enumerate(states)])
    response = upload(client, bearer, path)
    assert response.status_code == 201
    return response.get_json()


def region_counts(client, bearer) -> dict:
    today = utcnow().date().isoformat()
    report = client.get("/reports/indicators", query_string={"start": today, "end": today},
                        headers=bearer("me_officer")).get_json()
    return {cell["value"]: cell["count"] for cell in report["dimensions"]["region"]}


def test_typed_oblasts_are_counted_under_their_codes(client, bearer, tmp_path):
    states = (["Kharkivska", "Kharkiv oblast", "Харківська область", "Харьковская обл.", " kharkiv "]
              + ["м. Київ", "Kyiv City", "Київ", "Kiev", "KYIV"] + ["Lviv"] * 5)

    body = imported(client, bearer, tmp_path, states)

    assert (body["registered"], body["unresolved_regions"]) == (15, 0)
    assert region_counts(client, bearer) == {"UA-30": 5, "UA-46": 5, "UA-63": 5}


def test_a_state_that_cannot_be_read_is_counted_and_shown_as_unknown(client, bearer, tmp_path):
    states = ["Saltivka"] * 5 + ["Kharkivska"] * 5 + [""] * 5

    body = imported(client, bearer, tmp_path, states)

    assert (body["registered"], body["rejected"], body["unresolved_regions"]) == (15, 0, 5)
    assert region_counts(client, bearer) == {"UA-63": 5, "unknown": 10}


def test_the_import_record_counts_unresolved_regions_and_quotes_none(client, bearer, tmp_path):
    body = imported(client, bearer, tmp_path, ["Saltivka district", "Odesa"])

    again = client.get(f"/imports/{body['id']}", headers=bearer("caseworker"))

    assert again.get_json()["unresolved_regions"] == 1
    assert "Saltivka" not in again.get_data(as_text=True)
