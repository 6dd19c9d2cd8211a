"""Every service publishes its OpenAPI document and browsable docs."""

from __future__ import annotations

import importlib

import pytest

from shared import config

SERVICES = {"intake": "/beneficiaries", "training": "/beneficiaries/{beneficiary_id}",
            "grants": "/beneficiaries/{beneficiary_id}",
            "notifications": "/beneficiaries/{beneficiary_id}/messages"}


HTTP_METHODS = {"get", "post", "put", "patch", "delete"}
# Operations anyone may call: a certificate's holder checks its code without an account;
# Kannel calls back with a token of its own (a message's, or its get-url's).
PUBLIC = {"training": ("/certificates/{code}",),
          "notifications": ("/gateways/kannel/dlr", "/gateways/kannel/inbound")}


@pytest.fixture(params=sorted(SERVICES))
def service_client(request, tmp_path):
    name = request.param
    settings = config.from_env(name, {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": "s" * 40})
    app = importlib.import_module(f"services.{name}.app").create_app(settings,
                                                                      configure_logging=False)
    return name, app.test_client()


def test_openapi_document_lists_the_service_paths_health_and_bearer_auth(service_client):
    name, client = service_client
    spec = client.get("/openapi.json").json
    assert spec["openapi"].startswith("3.")
    assert {SERVICES[name], "/healthz", "/readyz"} <= set(spec["paths"])
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    secured = [op for path, ops in spec["paths"].items() if path not in ("/healthz", "/readyz")
               for method, op in ops.items() if method in HTTP_METHODS
               and path not in PUBLIC.get(name, ())]
    assert secured and all(op.get("security") == [{"bearerAuth": []}] for op in secured)
    public = [ops["get"] for path, ops in spec["paths"].items() if path in PUBLIC.get(name, ())]
    assert all(op["security"] == [] for op in public)  # documented as needing no sign-in


def test_browsable_docs_are_served(service_client):
    _, client = service_client
    page = client.get("/docs")
    assert page.status_code == 200
    assert b"swagger-ui" in page.data and b"openapi.json" in page.data
