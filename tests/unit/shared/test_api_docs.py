"""``/docs`` is Swagger UI served by the service itself: the page names no other host,
and everything it loads comes from the service."""

from html.parser import HTMLParser

import pytest

from shared.web.api_docs import BUNDLE_FILES, SWAGGER_UI


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("src", "href") and value]


def links(page: bytes) -> list[str]:
    parser = Links()
    parser.feed(page.decode())
    return parser.found


def test_the_docs_page_names_no_other_host(client):
    page = client.get("/docs")

    assert page.status_code == 200
    found = links(page.data)
    assert found and all(url.startswith("/") and not url.startswith("//") for url in found)
    assert b"http:" not in page.data and b"https:" not in page.data


def test_everything_the_docs_page_loads_is_served_by_the_service(client):
    found = links(client.get("/docs").data)
    kinds = {}
    for url in found:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.data, url
        kinds[url.rsplit(".", 1)[-1]] = asset.mimetype

    assert kinds == {"css": "text/css", "js": "text/javascript", "png": "image/png"}


def test_the_docs_page_starts_swagger_ui_on_the_services_own_document(client):
    page = client.get("/docs").data.decode()
    start = client.get("/docs/assets/start.js").data.decode()

    assert 'data-spec-url="/openapi.json"' in page
    assert "SwaggerUIBundle(" in start and "validatorUrl: null" in start
    assert "http" not in start
    assert client.get("/openapi.json").status_code == 200


def test_the_bundle_files_come_from_the_swagger_ui_bundle_package(client):
    for name in BUNDLE_FILES:
        assert client.get(f"/docs/assets/{name}").data == (SWAGGER_UI / name).read_bytes()


@pytest.mark.parametrize("name", ["index.html", "swagger-initializer.js", "..%2F__init__.py",
                                  "vidnova_api_docs.html"])
def test_nothing_else_is_served_from_the_docs_assets(client, name):
    assert client.get(f"/docs/assets/{name}").status_code == 404
