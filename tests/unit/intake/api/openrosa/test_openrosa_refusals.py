"""What an OpenRosa client is told when a submission cannot be taken as it is: always the
OpenRosa envelope, never the platform's JSON, and never a question's answer quoted."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from services.intake.adapters.tables import beneficiaries
from services.intake.usecases import openrosa as openrosa_usecase
from tests.support.intake.filled_form import ANSWERS, filled_form
from tests.support.intake.queries import rows
from tests.unit.intake.api.openrosa.test_openrosa_submission import basic, message, submit


def with_questions(document: bytes, **extra: str) -> bytes:
    root = ET.fromstring(document)
    for name, answer in extra.items():
        ET.SubElement(root, name).text = answer
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


@pytest.mark.parametrize("names", [{"prs_First_Name": "-", "prs_Second_Name": "'"},
                                   {"prs_First_Name": None, "prs_Second_Name": None}])
def test_a_form_naming_nobody_is_refused_naming_the_question(client, intake_settings, names):
    answers = {**ANSWERS, **names}

    response = submit(client, basic(intake_settings, "caseworker"), filled_form(answers))

    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("text/xml")
    assert message(response).get("nature") == "error"
    assert "prs_First_Name" in message(response).text
    assert rows(intake_settings, beneficiaries) == []


def test_an_answer_to_a_question_the_form_lacks_is_named_back_and_not_kept(client, intake_settings):
    document = with_questions(filled_form(), prs_Nickname="Ira", vic_Shoe_Size="38")

    response = submit(client, basic(intake_settings, "caseworker"), document)

    assert response.status_code == 201
    text = message(response).text
    assert "Not kept" in text and "prs_Nickname, vic_Shoe_Size" in text
    assert "Ira" not in text and "38" not in text


def test_the_form_machinery_odk_and_kobo_add_is_not_reported(client, intake_settings):
    root = ET.fromstring(with_questions(filled_form(), deviceid="collect:abc", today="2026-05-04"))
    ET.SubElement(ET.SubElement(root, "formhub"), "uuid").text = "a1b2c3"  # as Kobo sends it
    document = ET.tostring(root, encoding="utf-8", xml_declaration=True)

    response = submit(client, basic(intake_settings, "caseworker"), document)

    assert response.status_code == 201
    assert "Not kept" not in message(response).text


def test_an_unexpected_error_is_answered_in_the_openrosa_envelope(client, intake_settings, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("services.intake.api.openrosa.endpoint.receive_submission", broken)

    response = submit(client, basic(intake_settings, "caseworker"))

    assert response.status_code == 500
    assert response.headers["Content-Type"].startswith("text/xml")
    assert message(response).get("nature") == "error"
    assert "a bug" not in message(response).text
    assert openrosa_usecase.receive_submission is not broken  # only the endpoint's name was replaced


def test_a_submission_with_attachments_over_the_ordinary_body_limit_is_taken(client, intake_settings):
    import io

    photo = b"\xff\xd8" + b"x" * (2 * 1024 * 1024)  # within what OpenRosa clients are told
    form = {"xml_submission_file": (io.BytesIO(filled_form()), "htcds.xml", "text/xml"),
            "photo.jpg": (io.BytesIO(photo), "photo.jpg", "image/jpeg")}

    response = client.post("/openrosa/submission", data=form, content_type="multipart/form-data",
                           headers={"X-OpenRosa-Version": "1.0", **basic(intake_settings, "caseworker")})

    assert response.status_code == 201
