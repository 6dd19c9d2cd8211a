"""The HTTP front in the deployment files: docker-compose.yml's nginx with the template in
deploy/nginx/, and the Ingresses in deploy/k8s/. What the end-to-end test shows nginx
doing with this template, these check is configured where it runs, and consistent with
the services (their ports, gunicorn's limits, the error shape, the security headers)."""

from __future__ import annotations

import ipaddress
import json
import re
import runpy
from pathlib import Path

import pytest
import yaml
from werkzeug.http import HTTP_STATUS_CODES

from shared.config import SERVICE_PORTS
from shared.web.security_headers import ALWAYS, JSON_POLICY
from tests.support.nginx import TEMPLATE, template_variables

ROOT = Path(__file__).resolve().parents[3]
COMPOSE = ROOT / "docker-compose.yml"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
K8S = ROOT / "deploy" / "k8s"
CONTROLLER_PATCH = K8S / "ingress-nginx" / "controller-config.yaml"
UPLOADS = ("/imports", "/openrosa/submission")
PORTAL_PORT = 8000  # the staff address: every process without a port of its own listens here
ANNOTATION = "nginx.ingress.kubernetes.io/"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


@pytest.fixture(scope="module")
def nginx() -> str:
    """The template without its comments."""
    return "\n".join(line.split("#", 1)[0] for line in TEMPLATE.read_text().splitlines())


def _block(text: str, opening: str) -> str:
    """The body of the first ``opening {...}`` block in ``text``."""
    start = text.index("{", text.index(opening)) + 1
    depth, index = 1, start
    while depth:
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        index += 1
    return text[start:index - 1]


def _own(text: str) -> str:
    """``text`` without its nested blocks: the directives of that level alone."""
    while "{" in text:
        text = re.sub(r"[^;{}]*\{[^{}]*\}", "", text)
    return text


def _directive(text: str, name: str) -> list[str]:
    return [value.strip() for value in re.findall(rf"(?:^|[;\s]){name}\s+([^;]+);", text, re.M)]


def _server(nginx: str) -> str:
    return _block(nginx, "server {")


def _portal_server(nginx: str) -> str:
    """The server block that listens on the staff address."""
    servers = [_block(nginx[match.start():], "server {") for match in re.finditer(r"server \{", nginx)]
    [portal] = [server for server in servers if "listen ${FRONT_PORTAL_PORT};" in server]
    return portal


def _locations(nginx: str, server: str | None = None) -> dict[str, str]:
    server = server or _server(nginx)
    return {match.group(1).strip(): _block(server[match.start():], "location")
            for match in re.finditer(r"location\s+([^{]+)\{", server)}


def _size(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([km]?)", value.lower()).groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024 * 1024}[unit]


def _gunicorn() -> dict:
    return runpy.run_path(str(GUNICORN_CONFIG))


# -- docker-compose.yml ------------------------------------------------------------------

def test_the_front_is_the_official_nginx_image_at_an_exact_version(compose):
    name, _, tag = compose["front"]["image"].rpartition(":")

    assert name == "nginx" and re.fullmatch(r"\d+\.\d+\.\d+(-alpine)?", tag)


def test_only_the_front_publishes_the_services_ports(compose):
    published = {name: [str(p).split(":")[0] for p in service.get("ports", [])]
                 for name, service in compose.items()}

    assert sorted(published["front"]) == sorted(str(port) for port in [*SERVICE_PORTS.values(), PORTAL_PORT])
    for name in [*SERVICE_PORTS, "portal"]:
        assert "ports" not in compose[f"{name}-web"], name
    assert not any(port in ports for name, ports in published.items() if name != "front"
                   for port in published["front"])


def test_the_front_fills_the_repository_template_with_every_service_it_routes(compose):
    front = compose["front"]
    environment = front["environment"]

    assert "./deploy/nginx/templates:/etc/nginx/templates:ro" in front["volumes"]
    assert {name for name in environment if name.startswith("FRONT_")} == template_variables()
    assert re.match(environment["NGINX_ENVSUBST_FILTER"], "FRONT_INTAKE_PORT")
    assert not re.match(environment["NGINX_ENVSUBST_FILTER"], "HOSTNAME")
    for name, port in {**SERVICE_PORTS, "portal": PORTAL_PORT}.items():
        web = compose[f"{name}-web"]
        bind_port = web["environment"]["GUNICORN_BIND"].rsplit(":", 1)[1]
        assert environment[f"FRONT_{name.upper()}_UPSTREAM"] == f"{name}-web:{bind_port}"
        assert environment[f"FRONT_{name.upper()}_PORT"] == str(port)
        assert front["depends_on"][f"{name}-web"]["condition"] == "service_healthy"


def test_the_webs_believe_forwarded_headers_from_the_front_alone(compose):
    front_address = compose["front"]["networks"]["front"]["ipv4_address"]
    subnet = ipaddress.ip_network(
        yaml.safe_load(COMPOSE.read_text())["networks"]["front"]["ipam"]["config"][0]["subnet"])
    on_front = {name for name, service in compose.items() if "front" in (service.get("networks") or [])}

    assert ipaddress.ip_address(front_address) in subnet
    assert on_front == {"front", "portal-web"} | {f"{name}-web" for name in SERVICE_PORTS}
    for name in [*SERVICE_PORTS, "portal"]:
        environment = compose[f"{name}-web"]["environment"]
        assert environment["VIDNOVA_TRUSTED_PROXIES"] == front_address
        assert environment["FORWARDED_ALLOW_IPS"] == front_address


def test_bodies_the_front_buffers_stay_in_memory(compose):
    assert any(mount.startswith("/var/cache/nginx:") for mount in compose["front"]["tmpfs"])


# -- deploy/nginx ------------------------------------------------------------------------

def test_the_front_reads_whole_requests_and_gives_slow_clients_a_deadline(nginx):
    # Set once, for every server: the APIs' and the portal's.
    assert _directive(_own(nginx), "proxy_request_buffering") == ["on"]
    assert "proxy_request_buffering off" not in nginx
    assert _directive(nginx, "client_body_timeout") and _directive(nginx, "client_header_timeout")


def test_bodies_are_small_except_at_the_upload_endpoints(nginx):
    default = _size(_directive(_own(nginx), "client_max_body_size")[0])
    larger = {path: _size(size) for path, block in _locations(nginx).items()
              for size in _directive(block, "client_max_body_size") if "internal;" not in block}

    assert default == 1024 * 1024
    assert {path.removeprefix("= ") for path in larger} == set(UPLOADS)
    assert all(size > default for size in larger.values())
    # Over what intake announces to OpenRosa clients, so its own answer is theirs first.
    assert larger["= /openrosa/submission"] > 10 * 1024 * 1024


def test_an_error_met_after_a_large_upload_is_not_turned_into_a_413(nginx):
    error_location = _locations(nginx)["= /_vidnova/error"]

    assert _directive(error_location, "client_max_body_size") == ["0"]


def test_the_openrosa_sign_in_is_rate_limited_per_client_with_429(nginx):
    zone = re.search(r"limit_req_zone \$binary_remote_addr zone=(\w+):", nginx).group(1)

    assert _directive(_locations(nginx)["= /openrosa/submission"], "limit_req")[0].startswith(
        f"zone={zone} burst=")
    assert _directive(nginx, "limit_req_status") == ["429"]


def test_the_front_names_no_version(nginx):
    assert _directive(_own(nginx), "server_tokens") == ["off"]


def test_nginx_refuses_long_request_lines_and_headers_before_gunicorn_would(nginx):
    count, size = _directive(_own(nginx), "large_client_header_buffers")[0].split()
    gunicorn = _gunicorn()

    assert _size(size) < gunicorn["limit_request_line"]
    assert _size(size) < gunicorn["limit_request_field_size"]


def test_what_nginx_refuses_is_answered_in_the_platform_error_shape(nginx):
    server = _own(_server(nginx))
    pages = _directive(server, "error_page")
    codes = {int(code) for page in pages for code in re.findall(r"\b(\d{3})\b", page.split("/")[0])}
    bodies = dict(re.findall(r"^\s*(\d{3}) '(\{.*\})';", nginx, re.M))

    assert {400, 413, 414, 429, 494, 502, 503, 504} <= codes
    assert any(page.startswith("494 =431 ") for page in pages)
    for code in (codes - {494}) | {431}:
        body = json.loads(bodies[str(code)])
        assert body["code"] == code and body["status"] == HTTP_STATUS_CODES[code]
        assert body["message"] and set(body) == {"code", "status", "message"}


def test_nginx_error_answers_carry_the_services_security_headers(nginx):
    error = _locations(nginx)["= /_vidnova/error"]
    added = dict(re.findall(r'add_header ([\w-]+) "([^"]*)" always;', error))

    assert "internal;" in error
    assert {name: added.get(name) for name in ALWAYS} == ALWAYS
    assert added["Content-Security-Policy"] == JSON_POLICY
    assert added["Cache-Control"] == "no-store"
    assert "add_header Retry-After $vidnova_retry_after always;" in error


def test_the_client_address_is_set_by_the_front_not_appended_to(nginx):
    assert _directive(_own(nginx), "proxy_set_header X-Forwarded-For") == ["$remote_addr"]
    assert "proxy_set_header" not in _server(nginx) + _portal_server(nginx)  # nothing overrides it


def test_the_staff_address_is_the_portals_with_its_sign_in_slowed_and_its_uploads_allowed(nginx):
    server = _portal_server(nginx)
    locations = _locations(nginx, server)
    portal_import_limit = 64 * 1024 * 1024  # PORTAL_IMPORT_MAX_BYTES' default

    assert {_directive(block, "proxy_pass")[0] for path, block in locations.items()
            if "internal;" not in block} == {"http://portal"}
    assert _directive(locations["= /sign-in"], "limit_req")[0].startswith("zone=vidnova_sign_in burst=")
    assert _size(_directive(locations["= /imports"], "client_max_body_size")[0]) > portal_import_limit
    assert int(_directive(locations["= /imports"], "proxy_read_timeout")[0].rstrip("s")) >= 900
    assert "client_max_body_size" not in _own(server)  # elsewhere, the 1 MiB of every server


def test_what_nginx_refuses_on_the_staff_address_is_a_page_with_the_security_headers(nginx):
    server = _portal_server(nginx)
    page = _locations(nginx, server)["= /_vidnova/page"]
    added = dict(re.findall(r'add_header ([\w-]+) "([^"]*)" always;', page))

    assert any(p.startswith("494 =431 ") for p in _directive(_own(server), "error_page"))
    assert {413, 429, 502} <= {int(code) for p in _directive(_own(server), "error_page")
                               for code in re.findall(r"\b(\d{3})\b", p.split("/")[0])}
    assert "internal;" in page and _directive(page, "default_type") == ["text/html"]
    assert {name: added.get(name) for name in ALWAYS} == ALWAYS and added["Cache-Control"] == "no-store"


# -- deploy/k8s ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def ingresses() -> dict[str, dict]:
    documents = [doc for doc in yaml.safe_load_all((K8S / "ingress.yaml").read_text()) if doc]
    return {doc["metadata"]["name"]: doc for doc in documents if doc["kind"] == "Ingress"}


def _routes(ingress: dict) -> list[tuple[str, str, str]]:
    return [(path["path"], path["pathType"], path["backend"]["service"]["name"])
            for rule in ingress["spec"]["rules"] for path in rule["http"]["paths"]]


def _annotations(ingress: dict) -> dict[str, str]:
    return {key.removeprefix(ANNOTATION): value
            for key, value in ingress["metadata"]["annotations"].items()}


def test_every_service_has_an_ingress_that_buffers_bodies_with_the_fronts_limits(ingresses):
    for name in [*SERVICE_PORTS, "portal"]:
        ingress = ingresses[name]
        limits = _annotations(ingress)
        assert _routes(ingress) == [("/", "Prefix", name)]
        assert ingress["spec"]["ingressClassName"] == "nginx"
        assert limits["proxy-body-size"] == "1m"
        assert limits["proxy-request-buffering"] == "on"
        for timeout in ("proxy-connect-timeout", "proxy-send-timeout", "proxy-read-timeout"):
            assert int(limits[timeout]) > 0


def test_ingress_bodies_are_larger_only_for_uploads_and_the_sign_in_is_rate_limited(ingresses):
    larger = {route[0]: _annotations(ingress) for ingress in ingresses.values()
              for route in _routes(ingress) if _annotations(ingress)["proxy-body-size"] != "1m"}

    assert set(larger) == set(UPLOADS)
    for upload in larger.values():
        assert upload["proxy-request-buffering"] == "on"
    limited = {route[0] for ingress in ingresses.values() for route in _routes(ingress)
               if "limit-rps" in _annotations(ingress)}
    assert limited == {"/openrosa/submission", "/sign-in"}
    portal_imports = ingresses["portal-imports"]
    assert _routes(portal_imports) == [("/imports", "Exact", "portal")]
    assert _size(_annotations(portal_imports)["proxy-body-size"]) > 64 * 1024 * 1024
    assert _routes(ingresses["portal-sign-in"]) == [("/sign-in", "Exact", "portal")]


def test_the_controller_settings_hide_the_version_and_refuse_long_headers_first():
    settings = yaml.safe_load(CONTROLLER_PATCH.read_text())["data"]
    size = _size(settings["large-client-header-buffers"].split()[1])

    assert settings["server-tokens"] == "false"
    assert int(settings["client-header-timeout"]) > 0 and int(settings["client-body-timeout"]) > 0
    assert settings["limit-req-status-code"] == "429"
    assert size < _gunicorn()["limit_request_line"]
