"""The embedded default: no variables set runs on SQLite and the embedded broker."""

import pytest

from shared import config


@pytest.fixture
def embedded(tmp_path):
    def settings(service: str, **variables: str) -> config.Settings:
        return config.from_env(service, {"VIDNOVA_DATA_DIR": str(tmp_path), **variables})

    return settings


def test_embedded_database_is_a_sqlite_file_named_for_the_service_in_the_data_dir(
        embedded, tmp_path):
    settings = embedded("training")

    assert settings.environment == "embedded"
    assert settings.database_url == f"sqlite:///{tmp_path.resolve() / 'training.db'}"


def test_embedded_broker_is_one_file_under_the_data_dir(embedded, tmp_path):
    settings = embedded("intake")

    assert settings.amqp_url == "embedded://"
    assert settings.broker_is_embedded and not settings.broker_is_amqp
    assert settings.broker_file == tmp_path.resolve() / "broker" / "broker.db"


def test_the_embedded_broker_takes_messages_up_to_one_mib_unless_told_otherwise(embedded):
    assert embedded("intake").embedded_max_message_bytes == 1024 * 1024
    assert embedded("intake", VIDNOVA_EMBEDDED_MAX_MESSAGE_BYTES="2048"
                    ).embedded_max_message_bytes == 2048


@pytest.mark.parametrize("variable", ["VIDNOVA_EMBEDDED_MAX_MESSAGE_BYTES",
                                      "VIDNOVA_EMBEDDED_LEASE_SECONDS"])
def test_an_embedded_broker_limit_of_zero_is_refused(embedded, variable):
    with pytest.raises(config.ConfigError, match=variable):
        embedded("intake", **{variable: "0"})


@pytest.mark.parametrize("url", ["filesystem://", "memory://", "redis://cache:6379/0"])
def test_a_broker_neither_amqp_nor_embedded_is_refused(embedded, url):
    """kombu would take these, and lose events (the filesystem transport did)."""
    with pytest.raises(config.ConfigError, match="AMQP_URL"):
        embedded("intake", AMQP_URL=url)


@pytest.mark.parametrize("service, port", [
    ("intake", 8001), ("training", 8002), ("grants", 8003), ("notifications", 8004)])
def test_each_service_has_its_own_default_port(embedded, service, port):
    assert embedded(service).http_port == port


def test_service_port_is_overridden_by_its_own_variable(embedded):
    assert embedded("grants", GRANTS_HTTP_PORT="9103").http_port == 9103


def test_another_services_port_variable_does_not_move_this_service(embedded):
    assert embedded("grants", INTAKE_HTTP_PORT="9101").http_port == 8003


def test_service_database_url_is_overridden_by_its_own_variable(embedded):
    url = "postgresql+psycopg://u:p@db/grants"

    assert embedded("grants", GRANTS_DATABASE_URL=url).database_url == url


def test_from_env_reads_only_the_environ_it_is_given(monkeypatch, embedded):
    monkeypatch.setenv("INTAKE_HTTP_PORT", "9999")
    monkeypatch.setenv("AMQP_URL", "amqp://guest:guest@elsewhere//")

    settings = embedded("intake")

    assert settings.http_port == 8001
    assert settings.amqp_url == "embedded://"


def test_numeric_tunables_come_from_their_variables(embedded):
    settings = embedded("training", VIDNOVA_MAX_DELIVERY_ATTEMPTS="3",
                        VIDNOVA_RETRY_BASE_DELAY="0.5", VIDNOVA_DELIVERY_LIMIT="7")

    assert (settings.max_delivery_attempts, settings.retry_base_delay,
            settings.delivery_limit) == (3, 0.5, 7)
