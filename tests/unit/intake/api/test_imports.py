"""``/imports``: a file's rows registered, rejected or held back as duplicates, each on
its own; counts and a report that names rows and fields but never quotes a cell."""

from __future__ import annotations

from tests.support.intake.people import invalid, person, write_csv, write_template
from tests.support.intake.uploads import beneficiary_count, counts, report, upload
from tests.support.registrations import registration

ALREADY_REGISTERED = registration()
ALREADY = ALREADY_REGISTERED["person"]


def mixed_rows() -> list[list[str]]:
    """Rows 2-7: two new people, an invalid row, row 2 again, someone registered before
    (their phone), and a third new person."""
    known = person(9)
    known[4] = "0" + ALREADY["mobile_phone"][4:]  # the local way of writing their number
    return [person(1), person(2), invalid(3), person(1), known, person(4)]


def register_someone(client, bearer) -> str:
    response = client.post("/beneficiaries", json=ALREADY_REGISTERED, headers=bearer("caseworker"))
    return response.get_json()["code"]


def search_by_phone(client, bearer, phone: str) -> list[dict]:
    return client.get(f"/beneficiaries?phone={phone}", headers=bearer("caseworker")).get_json()


def test_valid_rows_are_registered_and_invalid_and_duplicate_rows_counted(client, bearer, tmp_path):
    register_someone(client, bearer)

    response = upload(client, bearer, write_csv(tmp_path / "cases.csv", mixed_rows()))

    assert response.status_code == 201
    body = response.get_json()
    assert (body["status"], body["failure"]) == ("done", None)
    assert counts(body) == (6, 3, 1, 2)
    assert (body["filename"], body["preferred_language"], body["created_by"]) == ("cases.csv", "uk", "cw-1")
    for n in (1, 2, 4):
        [found] = search_by_phone(client, bearer, person(n)[4].replace(" ", ""))
        assert (found["preferred_language"], found["sex"], found["region"]) == ("uk", "Feminine", "UA-46")


def test_the_report_names_row_field_and_message_and_quotes_no_cell(client, bearer, tmp_path):
    code = register_someone(client, bearer)
    created = upload(client, bearer, write_csv(tmp_path / "cases.csv", mixed_rows())).get_json()

    lines = report(client, bearer, created["id"])

    assert lines[0] == ["row", "field", "message"]
    assert [line[:2] for line in lines[1:]] == [
        ["4", "prs_FirstName"], ["4", "prs_Birthdate"], ["4", "prs_MobilePhone"],
        ["5", "prs_FirstName"], ["6", "prs_FirstName"]]
    duplicate_of_row_2, duplicate_of_earlier = lines[4][2], lines[5][2]
    assert "may be registered already as VN-" in duplicate_of_row_2
    assert code in duplicate_of_earlier
    text = "\n".join(",".join(line) for line in lines)
    cells = {cell for row in mixed_rows()[2:5] for cell in row if cell not in ("", "UA", "TRUE", "Feminine")}
    assert not [cell for cell in cells if cell in text]


def test_the_same_file_uploaded_again_answers_its_first_import_and_registers_nobody_twice(
        client, bearer, tmp_path, intake_settings):
    register_someone(client, bearer)
    path = write_csv(tmp_path / "cases.csv", mixed_rows())
    first = upload(client, bearer, path).get_json()
    registered = beneficiary_count(intake_settings)

    again = upload(client, bearer, path, language="ro")
    renamed = upload(client, bearer, write_csv(tmp_path / "renamed.csv", mixed_rows()))

    assert again.status_code == renamed.status_code == 200
    assert again.get_json() == renamed.get_json() == first
    assert beneficiary_count(intake_settings) == registered == 1 + 3


def test_the_excel_template_with_its_label_row_imports_like_the_csv(client, bearer, tmp_path):
    register_someone(client, bearer)

    response = upload(client, bearer, write_template(tmp_path / "cases.xlsx", mixed_rows()))

    assert response.status_code == 201
    body = response.get_json()
    assert (body["status"], counts(body)) == ("done", (6, 3, 1, 2))
    assert [line[0] for line in report(client, bearer, body["id"])[1:]] == ["5", "5", "5", "6", "7"]
    assert len(search_by_phone(client, bearer, person(4)[4].replace(" ", ""))) == 1


def test_an_import_shows_its_status_and_counts(client, bearer, tmp_path):
    created = upload(client, bearer, write_csv(tmp_path / "cases.csv", mixed_rows())).get_json()

    response = client.get(f"/imports/{created['id']}", headers=bearer("admin"))

    assert response.status_code == 200
    assert response.get_json() == created
    assert response.get_json()["finished_at"] >= response.get_json()["started_at"]


def test_a_file_that_is_not_an_htcds_table_answers_422_naming_its_failed_import(client, bearer, tmp_path):
    path = write_csv(tmp_path / "people.csv", [["Iryna", "Petrenko"]], header=["Name", "Surname"])

    response = upload(client, bearer, path)

    body = response.get_json()
    assert response.status_code == 422
    assert (body["code"], body["status"]) == (422, "Unprocessable Entity")
    assert body["message"].startswith("Row 1 must hold the HTCDS field names")
    assert body["errors"]["file"] == [body["message"]]
    assert "Iryna" not in response.get_data(as_text=True)
    kept = client.get(response.headers["Location"], headers=bearer("caseworker")).get_json()
    assert kept["id"] == body["errors"]["import_id"]
    assert (kept["status"], kept["failure"], counts(kept)) == ("failed", body["message"], (0, 0, 0, 0))


def test_an_upload_needs_a_file_and_a_language_given_must_be_a_code(client, bearer, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [person(1)])

    not_a_code = upload(client, bearer, path, language="Ukrainian")
    without_file = client.post("/imports", data={"preferred_language": "uk"},
                               headers=bearer("caseworker"), content_type="multipart/form-data")

    assert not_a_code.status_code == without_file.status_code == 422
    assert "preferred_language" in not_a_code.get_json()["errors"]["multipart"]
    assert "file" in without_file.get_json()["errors"]["multipart"]


def test_a_trainer_may_not_import_nor_read_imports(client, bearer, tmp_path):
    path = write_csv(tmp_path / "cases.csv", [person(1)])
    created = upload(client, bearer, path).get_json()

    assert upload(client, bearer, path, role="trainer").status_code == 403
    for address in (f"/imports/{created['id']}", f"/imports/{created['id']}/rejections.csv"):
        assert client.get(address, headers=bearer("trainer")).status_code == 403
        assert client.get(address).status_code == 401


def test_an_unknown_import_is_not_found(client, bearer):
    for address in ("/imports/6b1f8f0e-0000-4000-8000-000000000000",
                    "/imports/6b1f8f0e-0000-4000-8000-000000000000/rejections.csv"):
        response = client.get(address, headers=bearer("caseworker"))
        assert response.status_code == 404
        assert response.get_json()["message"] == "no such import"


def test_the_latest_imports_are_listed_newest_first_with_their_counts(client, bearer, tmp_path):
    older = upload(client, bearer, write_csv(tmp_path / "older.csv", [person(1)])).get_json()
    newer = upload(client, bearer, write_csv(tmp_path / "newer.csv", mixed_rows())).get_json()

    listed = client.get("/imports", headers=bearer("caseworker")).get_json()
    only_one = client.get("/imports?limit=1", headers=bearer("caseworker")).get_json()

    assert listed == [newer, older]
    assert only_one == [newer]
    assert client.get("/imports?limit=0", headers=bearer("caseworker")).status_code == 422
    assert client.get("/imports", headers=bearer("trainer")).status_code == 403
