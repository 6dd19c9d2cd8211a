"""How the test suites choose their RabbitMQ and PostgreSQL (tests/support/backing_services.py):
the environment's URLs first; otherwise containers from docker-compose.yml's images where a
Docker engine answers; otherwise a failure under CI and a skip elsewhere. The Docker check
and the containers are fakes here: no container is started."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
import testcontainers.community.postgres
import testcontainers.community.rabbitmq
import testcontainers.core.docker_client
from docker.errors import DockerException
from requests.exceptions import ConnectionError as RequestsConnectionError

from tests.support import backing_services
from tests.support.wire import _parameters


class FakeContainer:
    """Records the image it was made from and whether it was started; publishes its port
    on the Docker host as port + 30000."""

    def __init__(self, image: str, port: int, **kwargs):
        self.image, self.port, self.kwargs, self.started = image, port, kwargs, False

    def start(self):
        self.started = True
        return self

    def get_container_host_ip(self) -> str:
        return "docker-host"

    def get_exposed_port(self, port: int) -> int:
        assert self.started
        return port + 30000


class FakeRabbitMq(FakeContainer):
    def __init__(self, image: str, **kwargs):
        super().__init__(image, 5672, **kwargs)
        self.username, self.password, self.vhost = "guest", "guest", "/"


class FakePostgres(FakeContainer):
    def __init__(self, image: str, driver: str = "psycopg2", **kwargs):
        super().__init__(image, 5432, **kwargs)
        self.driver = driver

    def get_connection_url(self) -> str:
        return f"postgresql+{self.driver}://test:test@docker-host:{self.get_exposed_port(self.port)}/test"


@pytest.fixture
def no_urls(monkeypatch):
    monkeypatch.delenv("AMQP_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)


@pytest.fixture
def fake_containers(monkeypatch):
    monkeypatch.setattr(testcontainers.community.rabbitmq, "RabbitMqContainer", FakeRabbitMq)
    monkeypatch.setattr(testcontainers.community.postgres, "PostgresContainer", FakePostgres)


def docker(monkeypatch, answers: bool) -> list[bool]:
    """Fakes the Docker check; returns the list of answers it gave."""
    asked: list[bool] = []
    monkeypatch.setattr(backing_services, "docker_answers", lambda: asked.append(answers) or answers)
    return asked


def both_urls() -> tuple[list, str, str]:
    containers: list = []
    return containers, backing_services.amqp_url(containers), backing_services.database_url(containers)


def test_the_environment_s_urls_win_and_docker_is_not_even_asked(monkeypatch, fake_containers):
    monkeypatch.setenv("AMQP_URL", "amqp://guest:guest@broker.example:5672//")
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@db.example:5432/test")
    asked = docker(monkeypatch, answers=True)

    containers, amqp, database = both_urls()

    assert amqp == "amqp://guest:guest@broker.example:5672//"
    assert database == "postgresql+psycopg://postgres@db.example:5432/test"
    assert (containers, asked) == ([], [])


def test_where_docker_answers_both_are_started_from_the_compose_file_s_images(
        monkeypatch, no_urls, fake_containers):
    docker(monkeypatch, answers=True)
    compose = backing_services.COMPOSE_FILE.read_text()

    containers, amqp, database = both_urls()

    broker, server = containers
    assert isinstance(broker, FakeRabbitMq) and isinstance(server, FakePostgres)
    assert broker.started and server.started
    assert re.fullmatch(r"rabbitmq:\d+\.\d+\.\d+-management-alpine", broker.image)
    assert re.fullmatch(r"postgres:\d+\.\d+-alpine", server.image)
    assert f"    image: {broker.image}\n" in compose and f"    image: {server.image}\n" in compose
    parameters = _parameters(amqp)
    assert (parameters.host, parameters.port, parameters.virtual_host) == ("docker-host", 35672, "/")
    assert (parameters.credentials.username, parameters.credentials.password) == ("guest", "guest")
    assert urlsplit(database).scheme == "postgresql+psycopg"
    assert urlsplit(database).port == 35432


def test_a_new_tag_in_the_compose_file_moves_the_tests_containers_with_it(
        monkeypatch, tmp_path, no_urls, fake_containers):
    moved = tmp_path / "docker-compose.yml"
    text = backing_services.COMPOSE_FILE.read_text()
    text, rabbitmq_lines = re.subn(r"image: rabbitmq:\S+", "image: rabbitmq:4.1.2-management-alpine", text)
    text, postgres_lines = re.subn(r"image: postgres:\S+", "image: postgres:17.5-alpine", text)
    assert (rabbitmq_lines, postgres_lines) == (1, 1)
    moved.write_text(text)
    monkeypatch.setattr(backing_services, "COMPOSE_FILE", moved)
    docker(monkeypatch, answers=True)

    broker, server = both_urls()[0]

    assert (broker.image, server.image) == ("rabbitmq:4.1.2-management-alpine", "postgres:17.5-alpine")


def test_without_urls_or_docker_a_developer_s_run_skips_saying_what_is_missing(monkeypatch, no_urls):
    monkeypatch.delenv("CI", raising=False)
    asked = docker(monkeypatch, answers=False)
    containers: list = []

    with pytest.raises(pytest.skip.Exception, match="RabbitMQ is needed.*Docker"):
        backing_services.amqp_url(containers)
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL is needed.*Docker"):
        backing_services.database_url(containers)
    assert (asked, containers) == ([False, False], [])


@pytest.mark.parametrize("service", ["amqp_url", "database_url"])
def test_without_urls_or_docker_a_ci_run_fails(monkeypatch, no_urls, service):
    monkeypatch.setenv("CI", "true")
    docker(monkeypatch, answers=False)

    with pytest.raises(pytest.fail.Exception, match="is needed"):
        getattr(backing_services, service)([])


def test_a_container_that_fails_to_start_is_still_handed_to_the_session_to_remove(
        monkeypatch, no_urls, fake_containers):
    class NeverReady(FakePostgres):
        def start(self):
            raise TimeoutError("not ready")

    monkeypatch.setattr(testcontainers.community.postgres, "PostgresContainer", NeverReady)
    docker(monkeypatch, answers=True)
    containers: list = []

    with pytest.raises(TimeoutError):
        backing_services.database_url(containers)
    assert [type(container) for container in containers] == [NeverReady]


class FakeDockerClient:
    """testcontainers' client: fails as docker-py does without an engine, or pings."""

    failure: Exception | None = None
    ping_failure: Exception | None = None

    def __init__(self, **kwargs):
        if self.failure:
            raise self.failure
        self.client = self

    def ping(self) -> bool:
        if self.ping_failure:
            raise self.ping_failure
        return True


@pytest.mark.parametrize(("failure", "ping_failure", "answers"), [
    (None, None, True),
    (DockerException("Error while fetching server API version"), None, False),
    (None, RequestsConnectionError("connection refused"), False),
    (FileNotFoundError("/var/run/docker.sock"), None, False),
])
def test_docker_answers_only_when_the_engine_testcontainers_would_use_answers_a_ping(
        monkeypatch, failure, ping_failure, answers):
    client = type("Client", (FakeDockerClient,), {"failure": failure, "ping_failure": ping_failure})
    monkeypatch.setattr(testcontainers.core.docker_client, "DockerClient", client)

    assert backing_services.docker_answers() is answers
