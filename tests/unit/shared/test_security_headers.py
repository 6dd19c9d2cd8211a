"""Every answer of a service carries the security headers, so the embedded default (no
nginx) is protected too; personal data is never cached."""

import re

import pytest

from shared.web.security_headers import ALWAYS, DOCS_POLICY, JSON_POLICY
from tests.support.registrations import registration

UNKNOWN = "00000000-0000-4000-8000-000000000000"


def assert_always(response):
    for name, value in ALWAYS.items():
        assert response.headers.get(name) == value, name


@pytest.mark.parametrize("path, roles", [
    ("/healthz", ()), ("/openapi.json", ()), ("/nowhere", ()),
    ("/beneficiaries?phone=0671234567", ()), ("/beneficiaries?phone=0671234567", ("caseworker",)),
    (f"/beneficiaries/{UNKNOWN}?reason=check", ("caseworker",)), ("/imports", ("caseworker",))])
def test_api_answers_are_not_stored_and_allow_nothing_to_run(client, bearer, path, roles):
    response = client.get(path, headers=bearer(*roles) if roles else {})

    assert_always(response)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Security-Policy"] == JSON_POLICY
    assert "frame-ancestors 'none'" in JSON_POLICY


def test_a_personal_record_is_not_stored(client, bearer):
    created = client.post("/beneficiaries", json=registration(), headers=bearer("caseworker"))
    record = client.get(f"/beneficiaries/{created.get_json()['id']}?reason=check",
                        headers=bearer("caseworker"))

    assert record.status_code == 200 and record.get_json()["person"]
    assert record.headers["Cache-Control"] == "no-store"


def test_openrosa_answers_carry_them_too(client):
    response = client.head("/openrosa/submission")

    assert response.status_code == 401
    assert_always(response)
    assert response.headers["Cache-Control"] == "no-store"


def test_the_docs_page_may_load_from_the_service_only(client):
    response = client.get("/docs")

    assert_always(response)
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Security-Policy"] == DOCS_POLICY
    sources = re.findall(r"(?:^|; )[a-z-]+ ([^;]+)", DOCS_POLICY)
    assert sources and not any(re.search(r"https?:|\*|unsafe", source) for source in sources)


def test_the_docs_static_files_may_be_cached(client):
    response = client.get("/docs/assets/swagger-ui-bundle.js")

    assert response.status_code == 200
    assert_always(response)
    assert response.headers.get("Cache-Control") != "no-store"
