"""One JSON error shape for every failure; nothing of the failure's insides leaves."""

import psycopg
import pytest
from flask_smorest import Blueprint
from sqlalchemy.exc import OperationalError

from services.intake.service import SERVICE
from shared.web.app import build_app

SECRET_TEXT = "secret-name Olena"


class SlotTaken(Exception):
    """A domain rule broken: the kind of error a service maps to a status."""


def throwaway_blueprint() -> Blueprint:
    blp = Blueprint("throwaway", __name__, url_prefix="/throwaway")

    @blp.route("/boom")
    def boom():
        raise RuntimeError(SECRET_TEXT)

    @blp.route("/taken")
    def taken():
        raise SlotTaken("that training slot is taken")

    @blp.route("/database-lost")
    def database_lost():
        raise OperationalError("SELECT name FROM people", {"name": SECRET_TEXT},
                               psycopg.OperationalError("terminating connection"),
                               connection_invalidated=True)

    return blp


@pytest.fixture
def app(intake_settings):
    return build_app(SERVICE, intake_settings,
                     blueprints=[throwaway_blueprint()], domain_errors={SlotTaken: 409},
                     configure_logging=False)


def assert_error_shape(response, status: int, phrase: str):
    body = response.get_json()
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert body["code"] == status
    assert body["status"] == phrase
    assert set(body) <= {"code", "status", "message", "errors"}


def test_an_unexpected_exception_is_a_bare_500(app):
    response = app.test_client().get("/throwaway/boom")

    assert_error_shape(response, 500, "Internal Server Error")
    assert set(response.get_json()) == {"code", "status", "message"}


def test_a_500_carries_neither_the_exception_text_nor_a_traceback(app):
    text = app.test_client().get("/throwaway/boom").get_data(as_text=True)

    for leaked in ("Olena", "secret-name", "RuntimeError", "Traceback", "File \"", ".py"):
        assert leaked not in text


def test_a_mapped_domain_exception_gets_its_status_in_the_same_shape(app):
    response = app.test_client().get("/throwaway/taken")

    assert_error_shape(response, 409, "Conflict")
    assert response.get_json()["message"] == "that training slot is taken"


def test_an_unknown_path_is_404_in_the_same_shape(app):
    assert_error_shape(app.test_client().get("/no/such/thing"), 404, "Not Found")


def test_a_method_the_resource_lacks_is_405_in_the_same_shape(app):
    assert_error_shape(app.test_client().delete("/healthz"), 405, "Method Not Allowed")


@pytest.mark.parametrize("method, path", [("get", "/no/such/thing"), ("delete", "/healthz")])
def test_every_error_body_carries_a_message(app, method, path):
    response = getattr(app.test_client(), method)(path)

    assert response.get_json().get("message")


def test_invalid_registration_is_422_naming_each_bad_field(client, bearer):
    response = client.post("/beneficiaries", headers=bearer("caseworker"),
                           json={"person": {"gender": "female"}})

    assert_error_shape(response, 422, "Unprocessable Entity")
    bad = response.get_json()["errors"]["json"]
    assert set(bad) == {"person", "preferred_language"}
    assert set(bad["person"]) == {"gender"}


def test_a_registration_field_the_schema_lacks_is_named_too(client, bearer):
    response = client.post("/beneficiaries", headers=bearer("caseworker"),
                           json={"preferred_language": "uk", "full_name": "Olena K."})

    assert response.status_code == 422
    assert set(response.get_json()["errors"]["json"]) == {"full_name"}


def test_a_body_over_the_ordinary_limit_is_a_413_in_the_same_shape(client, bearer):
    from shared.web.app import MAX_BODY_BYTES

    response = client.post("/beneficiaries", data=b"{" + b" " * MAX_BODY_BYTES + b"}",
                           headers={**bearer("caseworker"), "Content-Type": "application/json"})

    assert response.status_code == 413
    assert response.get_json()["code"] == 413


def test_a_lost_database_connection_is_a_503_to_try_again_never_a_500(app):
    response = app.test_client().get("/throwaway/database-lost")

    assert_error_shape(response, 503, "Service Unavailable")
    assert set(response.get_json()) == {"code", "status", "message"}
    assert int(response.headers["Retry-After"]) > 0
    for leaked in ("Olena", "SELECT", "OperationalError", "terminating"):
        assert leaked not in response.get_data(as_text=True)
