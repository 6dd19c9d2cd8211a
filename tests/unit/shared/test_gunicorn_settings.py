"""deploy/gunicorn.conf.py as gunicorn reads it: the JSON-error worker, request limits
above nginx's, and a control socket only where a path is given for it."""

import http.client
import io
import json
import runpy

import pytest
from gunicorn.config import Config

from services.intake.service import SERVICE as INTAKE
from services.training.service import SERVICE as TRAINING
from shared.cli.supervise import commands, control_socket
from shared.config import from_env
from shared.web.gunicorn_worker import JsonErrorThreadWorker, json_error
from tests.support.processes import GUNICORN_CONFIG


def gunicorn_config(monkeypatch, **environ: str) -> Config:
    monkeypatch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    config = Config()
    for name, value in runpy.run_path(str(GUNICORN_CONFIG)).items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_the_web_runs_the_json_error_worker(monkeypatch):
    assert gunicorn_config(monkeypatch).worker_class is JsonErrorThreadWorker


def test_the_control_socket_is_off_unless_a_path_is_given(monkeypatch):
    assert gunicorn_config(monkeypatch).control_socket_disable is True


def test_a_given_control_socket_path_is_used_owner_only(monkeypatch, tmp_path):
    config = gunicorn_config(monkeypatch, GUNICORN_CONTROL_SOCKET=str(tmp_path / "web.ctl"))

    assert config.control_socket_disable is False
    assert config.control_socket == str(tmp_path / "web.ctl")
    assert config.control_socket_mode == 0o600


def test_vidnova_run_gives_each_web_its_own_control_socket_in_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("VIDNOVA_DATA_DIR", str(tmp_path))
    table = commands([INTAKE, TRAINING], "127.0.0.1")
    sockets = {name: control_socket(from_env(name)) for name in ("intake", "training")}

    assert sockets["intake"] != sockets["training"]
    for name, path in sockets.items():
        assert path.parent == tmp_path.resolve() / "control" and name in path.name
        assert f"GUNICORN_CONTROL_SOCKET={path} " in table[f"{name}-web"]


def test_vidnova_run_tells_each_web_where_the_other_services_answer(monkeypatch, tmp_path):
    monkeypatch.setenv("VIDNOVA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("INTAKE_HTTP_PORT", "18901")  # intake moved off its usual port

    table = commands([INTAKE, TRAINING], "127.0.0.1")

    # Training asks intake for a certificate's name: it must find it on its new port.
    assert "TRAINING_INTAKE_URL=http://127.0.0.1:18901 " in table["training-web"]
    assert "INTAKE_TRAINING_URL=http://127.0.0.1:8002 " in table["intake-web"]
    assert "INTAKE_INTAKE_URL" not in table["intake-web"]


def answer(raw: bytes) -> http.client.HTTPResponse:
    class Wire(io.BytesIO):
        def makefile(self, *args, **kwargs):
            return self

    response = http.client.HTTPResponse(Wire(raw))
    response.begin()
    return response


@pytest.mark.parametrize("status, phrase", [(400, "Bad Request"), (414, "Request URI Too Long"),
                                            (431, "Request Header Fields Too Large")])
def test_what_gunicorn_refuses_is_answered_in_the_platform_error_shape(status, phrase):
    response = answer(json_error(status))

    assert (response.status, response.reason) == (status, phrase)
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["Connection"] == "close"
    assert response.headers["Cache-Control"] == "no-store"
    body = json.loads(response.read())
    assert body["code"] == status and body["status"] == phrase and body["message"]
    assert set(body) == {"code", "status", "message"}
