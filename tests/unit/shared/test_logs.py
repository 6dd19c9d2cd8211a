"""Structured logs: one JSON object per line, with the work's correlation id and no
personal data, not even inside exceptions."""

import logging
import re
import uuid

import pytest

from shared import correlation

LINE_FIELDS = {"ts", "level", "service", "logger", "message", "correlation_id"}


def test_each_record_is_one_json_line_with_the_standard_fields(captured_log):
    logging.getLogger("vidnova.test").info("something happened", extra={"count": 3})

    [line] = captured_log.lines()
    assert LINE_FIELDS <= set(line)
    assert (line["level"], line["service"], line["logger"], line["message"]) == (
        "INFO", "intake", "vidnova.test", "something happened")
    assert line["count"] == 3
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", line["ts"])


def test_a_record_carries_the_correlation_and_causation_ids_of_the_work(captured_log):
    with correlation.bound("corr-1", "event-9"):
        logging.getLogger("vidnova.test").info("handled")

    [line] = captured_log.lines()
    assert (line["correlation_id"], line["causation_id"]) == ("corr-1", "event-9")


def test_a_logged_exception_carries_its_type_and_origin_but_not_its_message(captured_log):
    try:
        raise ValueError("no record for Olena Kovalenko, born 1999")
    except ValueError:
        logging.getLogger("vidnova.test").exception("lookup failed")

    assert "Olena" not in captured_log.text
    assert "1999" not in captured_log.text
    [line] = captured_log.lines()
    assert line["exception"] == "ValueError"
    assert re.search(r"test_logs\.py:\d+ in test_a_logged_exception", line["where"])


def test_below_the_configured_level_nothing_is_written(captured_log):
    logging.getLogger("vidnova.test").debug("chatter")

    assert captured_log.text == ""


def test_the_correlation_header_is_echoed_and_logged_on_the_access_line(client, captured_log):
    response = client.get("/healthz", headers={"X-Correlation-ID": "req-42.a:b"})

    assert response.headers["X-Correlation-ID"] == "req-42.a:b"
    [access] = [line for line in captured_log.lines() if line["logger"] == "vidnova.access"]
    assert access["correlation_id"] == "req-42.a:b"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/healthz", 200)


def test_a_request_without_correlation_header_gets_a_fresh_uuid(client):
    echoed = client.get("/healthz").headers["X-Correlation-ID"]

    assert uuid.UUID(echoed)


@pytest.mark.parametrize("sent", ["has spaces in it", "a" * 500, "x;DROP", "ünïcode"])
def test_a_malformed_correlation_header_is_replaced_by_a_fresh_uuid(client, captured_log, sent):
    response = client.get("/healthz", headers={"X-Correlation-ID": sent})

    echoed = response.headers["X-Correlation-ID"]
    assert uuid.UUID(echoed)
    assert sent not in captured_log.text
    [access] = [line for line in captured_log.lines() if line["logger"] == "vidnova.access"]
    assert access["correlation_id"] == echoed


@pytest.mark.parametrize("sent", ["a\nb", "line\r\nbreak", "a" * 101, ""])
def test_correlation_ids_with_line_breaks_or_too_long_are_not_bound(sent):
    bound = correlation.bind(sent)

    assert uuid.UUID(bound)


def test_a_correlation_id_ending_in_a_newline_is_not_bound():
    assert correlation.bind("abc\n") != "abc\n"


def test_an_unexpected_view_error_is_logged_without_its_message(intake_settings, captured_log):
    from flask_smorest import Blueprint

    from services.intake.service import SERVICE
    from shared.web.app import build_app

    blp = Blueprint("boom", __name__)

    @blp.route("/boom")
    def boom():
        raise RuntimeError("secret-name Olena")

    app = build_app(SERVICE, intake_settings, blueprints=[blp],
                    configure_logging=False)
    app.test_client().get("/boom", headers={"X-Correlation-ID": "boom-1"})

    assert "Olena" not in captured_log.text
    [error] = [line for line in captured_log.lines() if line["logger"] == "vidnova.web"]
    assert (error["level"], error["exception"], error["correlation_id"]) == (
        "ERROR", "RuntimeError", "boom-1")
