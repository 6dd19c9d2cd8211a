"""A body the answer did not need is read to its end before the answer goes, so a client
(or nginx) still sending it reads the service's answer instead of a broken pipe."""

from __future__ import annotations

import io

from flask import Flask

from shared.web import unread_bodies


class CountingStream(io.BytesIO):
    @property
    def taken(self) -> int:
        """How much of the body the server has read."""
        return self.tell()


def app_refusing_before_reading() -> Flask:
    app = Flask("t")
    unread_bodies.install(app)

    @app.post("/imports")
    def refuse():
        return {"message": "a bearer token is required"}, 401

    @app.post("/echo")
    def echo():
        from flask import request
        return {"size": len(request.get_data())}

    return app


def test_a_body_the_view_refused_without_reading_is_read_to_its_end():
    body = CountingStream(b"x" * 300_000)

    response = app_refusing_before_reading().test_client().post(
        "/imports", input_stream=body, headers={"Content-Length": "300000"})

    assert response.status_code == 401
    assert body.taken == 300_000


def test_a_body_the_view_read_is_not_read_again():
    response = app_refusing_before_reading().test_client().post("/echo", data=b"y" * 1000)

    assert response.get_json() == {"size": 1000}


def test_no_more_than_the_bound_is_read(monkeypatch):
    monkeypatch.setattr(unread_bodies, "DRAIN_LIMIT", 100_000)
    body = CountingStream(b"x" * 300_000)

    app_refusing_before_reading().test_client().post(
        "/imports", input_stream=body, headers={"Content-Length": "300000"})

    assert body.taken <= 100_000 + unread_bodies.CHUNK
