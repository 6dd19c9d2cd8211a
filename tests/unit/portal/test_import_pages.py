"""The caseworker's imports: an HTCDS file uploaded to intake, a file of another kind
refused beside the field, the import's progress (the page refreshing itself while it
runs), and its rejected-rows report shown on the page and downloadable as CSV."""

from __future__ import annotations

import io
import threading

import pytest
import requests
from flask import Flask, Response
from werkzeug.serving import make_server

from services.portal.adapters.http import ApiError, Download, ServiceClient
from tests.unit.portal.conftest import csrf, sign_in

IMPORT_ID = "0b8e8f0e-9b54-4f55-9a55-6f2b7a4f3c21"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def an_import(**changes) -> dict:
    return {"id": IMPORT_ID, "filename": "cases.xlsx", "status": "finished", "total_rows": 1000,
            "registered": 940, "rejected": 50, "duplicates": 10, "unresolved_regions": 3,
            "preferred_language": "uk", "started_at": "2027-03-02T09:00:00+00:00",
            "finished_at": None, "failure": None, **changes}


def upload(client, filename: str, content: bytes = b"PK\x03\x04 workbook", **form):
    return client.post("/imports", content_type="multipart/form-data", data={
        "csrf_token": csrf(client), "file": (io.BytesIO(content), filename), **form})


def calls(fake, name):
    return [args for called, args, _kwargs in fake.calls if called == name]


@pytest.fixture
def caseworker(client, passwords, fake):
    fake.answers["imports"] = []
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    sign_in(client, passwords, "caseworker")
    return client


def test_an_htcds_file_is_sent_to_intake_and_its_import_shown(caseworker, fake):
    received = []

    def intake_reads_it():
        filename, stream, language = calls(fake, "upload")[-1]
        received.append((filename, stream.read(), language))
        return an_import(status="finished")
    fake.answers["upload"] = intake_reads_it

    answer = upload(caseworker, "cases.xlsx", language="ru")

    assert answer.status_code == 302 and answer.headers["Location"] == f"/imports/{IMPORT_ID}"
    assert received == [("cases.xlsx", b"PK\x03\x04 workbook", "ru")]


def test_a_file_of_another_kind_is_refused_beside_the_field_and_never_sent(caseworker, fake):
    answer = upload(caseworker, "cases.pdf", b"%PDF-1.7")

    assert answer.status_code == 422 and not calls(fake, "upload")
    error = answer.text.split('id="file-error">')[1].split("</span>")[0]
    assert error == "Choose the HTCDS template (.xlsx) or its Case Sheet saved as .csv."
    assert 'aria-describedby="file-error" aria-invalid="true"' in answer.text
    assert 'accept=".xlsx,.csv"' in answer.text


def test_a_form_without_a_file_asks_for_one(caseworker, fake):
    answer = caseworker.post("/imports", content_type="multipart/form-data",
                             data={"csrf_token": csrf(caseworker)})

    assert answer.status_code == 422 and "Choose a file to import." in answer.text
    assert not calls(fake, "upload")


def test_a_file_intake_cannot_read_leads_to_its_failed_import_with_the_reason(caseworker, fake):
    why = "The file is not an HTCDS table: no Case Sheet."
    fake.answers["upload"] = ApiError(422, why, {"import_id": IMPORT_ID, "file": [why]})
    fake.answers["import_of"] = an_import(status="failed", total_rows=0, registered=0, rejected=0,
                                          duplicates=0, failure=why)

    answer = upload(caseworker, "cases.xlsx")
    page = caseworker.get(answer.headers["Location"])

    assert answer.status_code == 302 and answer.headers["Location"] == f"/imports/{IMPORT_ID}"
    assert "The import stopped: The file is not an HTCDS table: no Case Sheet." in page.text
    assert "<dt>Why it stopped</dt><dd>The file is not an HTCDS table: no Case Sheet.</dd>" in page.text


def test_a_file_over_intakes_limit_is_refused_beside_the_field(caseworker, fake):
    fake.answers["upload"] = ApiError(413, "The file is over 64 MiB.")

    answer = upload(caseworker, "cases.csv")

    assert answer.status_code == 413
    assert answer.text.split('id="file-error">')[1].startswith("The file is over 64 MiB.")


def test_a_running_import_shows_its_progress_and_refreshes_itself(caseworker, fake):
    fake.answers["import_of"] = an_import(status="running", registered=400, rejected=50, duplicates=10)

    page = caseworker.get(f"/imports/{IMPORT_ID}").text

    assert '<progress id="progress" class="progress" max="1000" value="460">460 / 1000</progress>' in page
    assert '<meta http-equiv="refresh" content="2">' in page and "this page refreshes itself" in page
    assert not calls(fake, "rejected_rows")  # the report is read once the import has stopped


def test_the_list_of_imports_refreshes_itself_while_one_runs(caseworker, fake):
    fake.answers["imports"] = [an_import(status="running"), an_import(id="x", status="finished")]

    page = caseworker.get("/imports").text

    assert '<meta http-equiv="refresh" content="3">' in page
    assert page.count(f'href="/imports/{IMPORT_ID}"') == 1


def test_a_finished_import_shows_the_rows_it_did_not_take_and_why(caseworker, fake):
    fake.answers.update(import_of=an_import(), rejected_rows=([
        {"row": "7", "field": "prs_BirthDate", "message": "Not a valid date."},
        {"row": "12", "field": "", "message": "This person may be registered already as VN-7K3F9-QX2MP."},
    ], False))

    page = caseworker.get(f"/imports/{IMPORT_ID}").text

    assert calls(fake, "rejected_rows") == [(IMPORT_ID, 200)]
    assert '<meta http-equiv="refresh"' not in page
    assert ('<tr><td class="number">7</td><td>prs_BirthDate</td><td>Not a valid date.</td></tr>'
            in page)
    assert "registered already as VN-7K3F9-QX2MP" in page
    assert "Each row refused or held back, and why." in page
    assert f'href="/imports/{IMPORT_ID}/rejections.csv"' in page


def test_a_long_report_shows_its_first_lines_and_points_to_the_download(caseworker, fake):
    lines = [{"row": str(n), "field": "prs_Gender", "message": "Not one of the choices."} for n in range(200)]
    fake.answers.update(import_of=an_import(), rejected_rows=(lines, True))

    page = caseworker.get(f"/imports/{IMPORT_ID}").text

    assert "The first 200 lines of the report: download it for them all." in page
    assert page.count("Not one of the choices.") == 200


def test_the_whole_report_downloads_as_csv(caseworker, fake):
    fake.answers["rejections"] = Download(b"row,field,message\r\n7,prs_BirthDate,Not a valid date.\r\n",
                                          "text/csv; charset=utf-8", None)

    answer = caseworker.get(f"/imports/{IMPORT_ID}/rejections.csv")

    assert answer.mimetype == "text/csv" and answer.data.endswith(b"Not a valid date.\r\n")
    assert answer.headers["Content-Disposition"] == (
        f'attachment; filename="import-{IMPORT_ID}-rejections.csv"')


def test_imports_are_the_caseworkers(client, passwords, fake):
    sign_in(client, passwords, "trainer")

    assert client.get("/imports").status_code == 403 and not fake.calls


def test_the_report_is_read_only_as_far_as_the_page_shows(tmp_path):
    """The client stops reading intake's CSV after the lines a page shows."""
    report = Flask("report")
    sent = []

    @report.get("/imports/<import_id>/rejections.csv")
    def rejections(import_id):
        def lines():
            yield "row,field,message\r\n"
            for n in range(100_000):
                sent.append(n)
                yield f"{n},prs_Gender,Not one of the choices.\r\n"
        return Response(lines(), mimetype="text/csv")

    server = make_server("127.0.0.1", 0, report, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = ServiceClient(f"http://127.0.0.1:{server.server_port}", lambda: "token",
                               requests.Session(), 10)
        rows, more = client.csv_rows(f"/imports/{IMPORT_ID}/rejections.csv", 200)
    finally:
        server.shutdown()

    assert more and len(rows) == 200
    assert rows[0] == {"row": "0", "field": "prs_Gender", "message": "Not one of the choices."}
    assert len(sent) < 100_000  # the rest was never asked for
