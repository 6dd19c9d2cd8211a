"""gunicorn's own log lines keep the client's address and the path, never what the client
wrote in a query string or a refused request line."""

from __future__ import annotations

import io
import logging

from gunicorn.config import Config

from shared.web.gunicorn_logging import RedactingLogger

SECRET = "first_name=Olena&phone=%2B380671112233"


def logger_into(stream: io.StringIO) -> RedactingLogger:
    logger = RedactingLogger(Config())
    handler = logging.StreamHandler(stream)
    logger.error_log.handlers[:] = [handler]
    logger.error_log.propagate = False
    return logger


def test_a_refused_request_line_is_not_logged():
    stream = io.StringIO()

    logger_into(stream).warning(
        f"Invalid request from ip=10.0.0.7: Invalid Request Line 'GET /beneficiaries?{SECRET} HTTP/1.1'")

    assert "10.0.0.7" in stream.getvalue()
    assert "Olena" not in stream.getvalue() and "380" not in stream.getvalue()


def test_a_failed_request_is_logged_with_its_path_and_not_its_query():
    stream = io.StringIO()
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logger_into(stream).exception("Error handling request %s %s", "GET", f"/beneficiaries?{SECRET}")

    assert "GET /beneficiaries" in stream.getvalue()
    assert "Olena" not in stream.getvalue()


def test_every_service_web_uses_it():
    from tests.support.processes import ROOT

    namespace: dict = {}
    exec((ROOT / "deploy" / "gunicorn.conf.py").read_text(), namespace)

    assert namespace["logger_class"] == "shared.web.gunicorn_logging.RedactingLogger"
