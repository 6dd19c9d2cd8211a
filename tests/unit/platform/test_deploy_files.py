"""The deployment files say what production needs: pinned images, every service's web and
worker, health checks, production settings, and no secret committed.

PyYAML is not among the project's dependencies, so these tests read the files as text.
They rely on the block style the files are written in (two-space indentation, one key
per line); anchors (``&name``) and aliases (``*name``, also in ``<<:`` merges) are
followed, so a service's effective text includes the blocks it reuses.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from shared.config import SERVICE_PORTS

ROOT = Path(__file__).resolve().parents[3]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
POSTGRES_INIT = ROOT / "deploy" / "postgres-init"
K8S = ROOT / "deploy" / "k8s"
SERVICES = ("intake", "training", "grants", "notifications")
PORTAL = "portal"  # no broker (shared.config.STATELESS); one database: staff's languages

KEY = re.compile(r"^(?P<indent> *)(?P<key>[\w.-]+):(?P<rest>.*)$")
ANCHOR = re.compile(r"&([\w-]+)")
ALIAS = re.compile(r"\*([\w-]+)")
REFERENCE = re.compile(r"^\$\{(?P<name>\w+):\?[^}]*\}$")  # ${NAME:?message}: required, no default


def _content(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _children(lines: list[str], indent: int) -> dict[str, list[str]]:
    """The keys at ``indent`` in ``lines``, each with its own line and the deeper ones after it."""
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in _content(lines):
        match = KEY.match(line)
        depth = len(line) - len(line.lstrip(" "))
        if match and depth == indent:
            current = blocks.setdefault(match["key"], [])
            current.append(line)
        elif depth < indent:
            current = None
        elif current is not None:
            current.append(line)
    return blocks


def _anchors(lines: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    lines = _content(lines)
    for index, line in enumerate(lines):
        match = KEY.match(line)
        anchor = ANCHOR.search(line)
        if not (match and anchor):
            continue
        depth = len(match["indent"])
        block = [line]
        for after in lines[index + 1:]:
            if len(after) - len(after.lstrip(" ")) <= depth:
                break
            block.append(after)
        found[anchor.group(1)] = block
    return found


def _effective(block: list[str], anchors: dict[str, list[str]], seen=frozenset()) -> str:
    text = "\n".join(block)
    for name in ALIAS.findall(text):
        if name in anchors and name not in seen:
            text += "\n" + _effective(anchors[name][1:], anchors, seen | {name})
    return text


@pytest.fixture(scope="module")
def compose() -> dict[str, str]:
    """Each compose service's effective text, by service name."""
    lines = COMPOSE.read_text().splitlines()
    services = _children(lines, 0)["services"][1:]
    anchors = _anchors(lines)
    return {name: _effective(block, anchors) for name, block in _children(services, 2).items()}


def _app_services(compose: dict[str, str]) -> dict[str, str]:
    return {name: text for name, text in compose.items()
            if name == "migrate" or name.endswith(("-web", "-worker"))}


def _value(text: str, key: str) -> list[str]:
    return [m.group(1).strip().strip("'\"")
            for m in re.finditer(rf"^\s*{re.escape(key)}:\s*(.+)$", text, re.M)]


# -- docker-compose.yml ------------------------------------------------------------------

def test_images_are_pinned_to_exact_versions():
    images = re.findall(r"^\s*image:\s*['\"]?([^'\"\s#]+)", COMPOSE.read_text(), re.M)
    assert images
    for image in images:
        resolved = re.sub(r"\$\{\w+:-([^}]+)\}", r"\1", image)  # ${VAR:-default} -> default
        assert "${" not in resolved, f"{image}: needs a pinned default"
        name, _, tag = resolved.rpartition(":")
        assert name and "/" not in tag, f"{image}: no tag"
        assert tag != "latest" and re.search(r"\d", tag), f"{image}: not an exact version"
    assert any(i.startswith("rabbitmq:") for i in images)
    assert any(i.startswith("postgres:") for i in images)
    assert any(i.startswith("nginx:") for i in images)  # the HTTP front (test_deploy_front.py)


def test_every_service_has_a_web_and_a_worker_and_migrate_runs_first(compose):
    for service in SERVICES:
        assert f"{service}-web" in compose and f"{service}-worker" in compose
    assert "migrate" in compose and "vidnova" in compose["migrate"] and "migrate" in compose["migrate"]
    assert re.search(r"postgres:\s*\n\s*condition: service_healthy", compose["migrate"])
    assert re.search(r"rabbitmq:\s*\n\s*condition: service_healthy", compose["migrate"])
    for name, text in _app_services(compose).items():
        if name != "migrate":
            assert re.search(r"migrate:\s*\n\s*condition: service_completed_successfully", text), name


def test_webs_run_gunicorn_and_workers_the_service_worker(compose):
    for service in SERVICES:
        web, worker = compose[f"{service}-web"], compose[f"{service}-worker"]
        assert "gunicorn" in web and "deploy/gunicorn.conf.py" in web
        assert f"services.{service}.app:create_app()" in web
        assert f"services.{service}.worker" in worker


def test_each_web_has_a_readiness_healthcheck(compose):
    for service in SERVICES:
        text = compose[f"{service}-web"]
        assert "healthcheck:" in text and "/readyz" in text, service
    assert "pg_isready" in compose["postgres"]
    assert "rabbitmq-diagnostics -q ping" in compose["rabbitmq"]


def test_app_services_run_in_production_on_amqp_and_postgresql(compose):
    assert set(_value(COMPOSE.read_text(), "VIDNOVA_ENV")) == {"production"}
    for name, text in _app_services(compose).items():
        assert _value(text, "VIDNOVA_ENV") and set(_value(text, "VIDNOVA_ENV")) == {"production"}, name
        if name == f"{PORTAL}-web":
            assert "AMQP_URL" not in text and "sqlite" not in text
            [url] = _value(text, "PORTAL_DATABASE_URL")
            assert url.startswith("postgresql+psycopg://") and url.endswith("/portal")
            assert [line for line in text.splitlines() if "DATABASE_URL" in line] == [
                f"  PORTAL_DATABASE_URL: {url}"]  # no service's database
            continue
        assert _value(text, "AMQP_URL"), name
        assert all(url.startswith("amqp://") for url in _value(text, "AMQP_URL")), name
        owners = (*SERVICES, PORTAL) if name == "migrate" else (name.rsplit("-", 1)[0],)
        for owner in owners:
            urls = _value(text, f"{owner.upper()}_DATABASE_URL")
            assert urls and all(u.startswith("postgresql+psycopg://") for u in urls), (name, owner)
        assert "sqlite" not in text and "filesystem://" not in text, name


def test_the_portal_runs_like_the_services_webs_signed_in_through_the_identity_provider(compose):
    portal = compose[f"{PORTAL}-web"]

    assert "gunicorn" in portal and "services.portal.app:create_app()" in portal
    assert "healthcheck:" in portal and "/readyz" in portal
    for required in ("PORTAL_SECRET_KEY", "PORTAL_OIDC_ISSUER", "PORTAL_OIDC_CLIENT_ID",
                     "PORTAL_OIDC_CLIENT_SECRET", "JWT_SECRET"):
        [value] = _value(portal, required)
        assert REFERENCE.match(value) and REFERENCE.match(value)["name"] == required, required
    for service in SERVICES:
        address = f"http://{service}-web:{SERVICE_PORTS[service]}"
        assert _value(portal, f"PORTAL_{service.upper()}_URL") == [address], service
        assert re.search(rf"{service}-web:\s*\n\s*condition: service_healthy", portal), service
    # An uploaded HTCDS file holds personal data: it is spooled to memory, never a disk.
    assert re.search(r"tmpfs:\s*\n\s*- /tmp:", portal)


def test_no_secret_is_committed(compose):
    text = COMPOSE.read_text()
    jwt = _value(text, "JWT_SECRET")
    assert jwt and all(REFERENCE.match(v) and REFERENCE.match(v)["name"] == "JWT_SECRET" for v in jwt)
    for key in re.findall(r"^\s*([\w]*(?:SECRET|PASSWORD|PASS)\w*):", text, re.M):
        for value in _value(text, key):
            assert REFERENCE.match(value), f"{key} has a literal value"
    for password in re.findall(r"://[^:/@\s]+:([^@\s]+)@", text):
        assert REFERENCE.match(password), "a URL carries a literal password"


# -- deploy/Dockerfile, .dockerignore, postgres init ---------------------------------------

def _instructions() -> list[tuple[str, str]]:
    joined = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
            for line in joined.splitlines()
            if line.strip() and not line.lstrip().startswith("#") and len(line.split(None, 1)) == 2]


def test_dockerfile_runs_as_a_non_root_user():
    users = [arg for op, arg in _instructions() if op == "USER"]
    assert users, "no USER instruction"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")


def test_dockerfile_is_production_by_default_and_serves_with_gunicorn():
    instructions = _instructions()
    assert [arg for op, arg in instructions if op == "FROM"][0].startswith("python:3.11-slim")
    assert any(op == "ENV" and "VIDNOVA_ENV=production" in arg for op, arg in instructions)
    cmd = [arg for op, arg in instructions if op == "CMD"][-1]
    assert "gunicorn" in cmd and "deploy/gunicorn.conf.py" in cmd


def test_build_context_keeps_secrets_out_and_migrations_in():
    patterns = _content(DOCKERIGNORE.read_text().splitlines())
    assert ".env" in patterns and ".venv" in patterns
    for kept in ("services", "shared", "pyproject.toml", "deploy/gunicorn.conf.py"):
        assert kept not in patterns
    assert not any("migrations" in p or "versions" in p or "mako" in p for p in patterns)


def test_postgres_init_creates_one_database_per_service():
    sql = "\n".join(p.read_text() for p in sorted(POSTGRES_INIT.glob("*.sql"))).lower()
    for service in (*SERVICES, PORTAL):
        assert f"create database {service};" in sql
        assert f"revoke connect on database {service} from public;" in sql


# -- deploy/k8s ----------------------------------------------------------------------------

def _k8s_documents() -> list[str]:
    return [doc for path in sorted(K8S.glob("*.yaml"))
            for doc in re.split(r"^---\s*$", path.read_text(), flags=re.M) if "kind:" in doc]


def test_k8s_has_web_worker_and_service_per_service_and_a_migrate_job():
    docs = _k8s_documents()
    names = {(re.search(r"^kind:\s*(\w+)", d, re.M)[1], re.search(r"^  name:\s*(\S+)", d, re.M)[1])
             for d in docs}
    for service in SERVICES:
        assert {("Deployment", f"{service}-web"), ("Deployment", f"{service}-worker"),
                ("Service", service)} <= names
    assert {("Deployment", f"{PORTAL}-web"), ("Service", PORTAL)} <= names
    assert not any(name == f"{PORTAL}-worker" for _kind, name in names)  # nothing to relay
    assert ("Job", "vidnova-migrate") in names and ("ConfigMap", "vidnova-config") in names


def test_k8s_webs_are_probed_and_secrets_come_from_the_secret():
    for doc in _k8s_documents():
        assert not re.search(r"^kind:\s*Secret\b", doc, re.M), "a Secret is committed"
        if re.search(r"^kind:\s*Deployment", doc, re.M) and re.search(r"^  name:\s*\S+-web\s*$",
                                                                    doc, re.M):
            assert re.search(r"readinessProbe:\s*\n\s*httpGet: \{path: /readyz", doc)
            assert re.search(r"livenessProbe:\s*\n\s*httpGet: \{path: /healthz", doc)
        if re.search(r"^kind:\s*(Deployment|Job)", doc, re.M):
            assert "enableServiceLinks: false" in doc  # else INTAKE_PORT=tcp://... breaks config
            assert re.search(r"JWT_SECRET\s*\n\s*valueFrom:\s*\n\s*secretKeyRef: "
                             r"\{name: vidnova-secrets", doc)
            assert "runAsNonRoot: true" in doc
