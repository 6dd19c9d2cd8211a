"""Responses are the OpenRosa envelope clients parse: its namespace, one message, a nature."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from services.intake.api.openrosa.responses import (
    ACCEPT_CONTENT_LENGTH,
    CONTENT_TYPE,
    NAMESPACE,
    error,
    openrosa_headers,
    success,
)


@pytest.mark.parametrize(("build", "nature"), [(success, "submit_success"), (error, "error")])
def test_a_response_is_one_message_of_its_nature_in_the_openrosa_namespace(build, nature):
    root = ET.fromstring(build("Form received."))

    assert root.tag == f"{{{NAMESPACE}}}OpenRosaResponse"
    [message] = list(root)
    assert message.tag == f"{{{NAMESPACE}}}message"
    assert (message.get("nature"), message.text) == (nature, "Form received.")


def test_the_body_declares_utf8_as_the_content_type_does():
    body = success("Форму отримано.")

    assert body.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert "charset=utf-8" in CONTENT_TYPE and CONTENT_TYPE.startswith("text/xml")
    assert ET.fromstring(body)[0].text == "Форму отримано."


def test_markup_in_a_message_is_escaped():
    assert ET.fromstring(error("<b> & </b>"))[0].text == "<b> & </b>"


def test_headers_announce_openrosa_1_0_and_the_accepted_body_size():
    assert openrosa_headers() == {"X-OpenRosa-Version": "1.0",
                                  "X-OpenRosa-Accept-Content-Length": str(ACCEPT_CONTENT_LENGTH)}
    assert openrosa_headers(2048)["X-OpenRosa-Accept-Content-Length"] == "2048"
