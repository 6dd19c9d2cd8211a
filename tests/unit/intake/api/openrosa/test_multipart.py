"""The submission part is taken from a real multipart POST, through a tiny Flask app
shaped as the intake endpoint will be: HEAD answered 204, refusals mapped to status."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from flask import Flask, request

from services.intake.api.openrosa import responses
from services.intake.api.openrosa.errors import SubmissionError, SubmissionTooLarge
from services.intake.api.openrosa.multipart import SUBMISSION_PART, read_submission_post
from services.intake.api.openrosa.submission import parse_submission
from tests.support.intake.filled_form import INSTANCE_ID, filled_form

NS = {"or": responses.NAMESPACE}


def openrosa_app(max_bytes: int) -> Flask:
    app = Flask(__name__)
    headers = {**responses.openrosa_headers(), "Content-Type": responses.CONTENT_TYPE}

    @app.route("/submission", methods=["HEAD", "POST"])
    def submission():
        if request.method == "HEAD":
            return "", 204, responses.openrosa_headers()
        try:
            post = read_submission_post(request, max_bytes)
            received = parse_submission(post.document)
        except SubmissionError as refusal:
            status = 413 if isinstance(refusal, SubmissionTooLarge) else 400
            return responses.error(str(refusal)), status, headers
        message = f"Received {received.instance_id}; {post.ignored_parts} other part(s) ignored."
        return responses.success(message), 201, headers

    return app


@pytest.fixture
def client():
    return openrosa_app(max_bytes=64 * 1024).test_client()


def message(response) -> ET.Element:
    return ET.fromstring(response.data).find("or:message", NS)


def test_head_answers_204_with_the_openrosa_headers(client):
    response = client.head("/submission")

    assert response.status_code == 204
    assert response.headers["X-OpenRosa-Version"] == "1.0"
    assert int(response.headers["X-OpenRosa-Accept-Content-Length"]) > 0


def test_the_xml_part_is_read_and_other_parts_are_counted(client):
    response = client.post("/submission", content_type="multipart/form-data", data={
        SUBMISSION_PART: (io.BytesIO(filled_form()), "submission.xml", "text/xml"),
        "photo.jpg": (io.BytesIO(b"\xff\xd8\xff\xe0"), "photo.jpg", "image/jpeg"),
        "deviceID": "collect:abc",
    })

    assert response.status_code == 201
    assert response.headers["Content-Type"] == responses.CONTENT_TYPE
    assert message(response).get("nature") == "submit_success"
    assert message(response).text == f"Received {INSTANCE_ID}; 2 other part(s) ignored."


def test_the_xml_part_may_come_as_a_plain_form_field(client):
    response = client.post("/submission", content_type="multipart/form-data",
                           data={SUBMISSION_PART: filled_form().decode()})

    assert response.status_code == 201


def test_a_post_without_the_xml_part_is_refused(client):
    response = client.post("/submission", content_type="multipart/form-data",
                           data={"photo.jpg": (io.BytesIO(b"\xff\xd8"), "photo.jpg", "image/jpeg")})

    assert response.status_code == 400
    assert message(response).get("nature") == "error"
    assert SUBMISSION_PART in message(response).text


def test_two_xml_parts_are_refused(client):
    response = client.post("/submission", content_type="multipart/form-data", data={
        SUBMISSION_PART: [(io.BytesIO(filled_form()), "a.xml", "text/xml"),
                          (io.BytesIO(filled_form()), "b.xml", "text/xml")]})

    assert response.status_code == 400


def test_an_oversized_xml_part_is_refused_as_too_large(client):
    padded = filled_form() + b" " * (64 * 1024)
    response = client.post("/submission", content_type="multipart/form-data",
                           data={SUBMISSION_PART: (io.BytesIO(padded), "submission.xml", "text/xml")})

    assert response.status_code == 413
    assert message(response).get("nature") == "error"


def test_a_refusal_does_not_echo_the_submission(client):
    document = filled_form().replace(b'id="htcds_xlsform"', b'id="other"')
    response = client.post("/submission", content_type="multipart/form-data",
                           data={SUBMISSION_PART: (io.BytesIO(document), "submission.xml", "text/xml")})

    assert response.status_code == 400
    assert b"Iryna" not in response.data
