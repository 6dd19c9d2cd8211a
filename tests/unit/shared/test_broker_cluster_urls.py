"""``AMQP_URL`` may name every node of a RabbitMQ cluster, separated by ``;``: a
connection goes to the first node that answers, and fails over to the next."""

import pytest

from shared import config
from shared.messaging.broker import connect

NODES = ("amqp://vidnova:pw@rabbit-0:5672/vidnova", "amqp://vidnova:pw@rabbit-1:5672/vidnova",
         "amqp://vidnova:pw@rabbit-2:5672/vidnova")


def settings(tmp_path, url: str, environment: str = "embedded") -> config.Settings:
    return config.from_env("intake", {"VIDNOVA_ENV": environment, "AMQP_URL": url,
                                      "VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": "s" * 40,
                                      "INTAKE_DATABASE_URL": "postgresql://db/intake"})


@pytest.mark.parametrize("url", [";".join(NODES), " ; ".join(NODES) + ";"])
def test_a_list_of_node_urls_is_a_rabbitmq_broker_of_those_nodes_in_order(tmp_path, url):
    nodes = settings(tmp_path, url, "production")

    assert nodes.broker_is_amqp and not nodes.broker_is_embedded
    assert nodes.amqp_urls == NODES


def test_one_url_is_a_list_of_one(tmp_path):
    assert settings(tmp_path, NODES[0]).amqp_urls == NODES[:1]


@pytest.mark.parametrize("url", [f"{NODES[0]};embedded://", f"embedded://;{NODES[0]}",
                                 f"{NODES[0]};redis://cache:6379/0"])
def test_a_list_mixing_rabbitmq_with_another_broker_is_refused(tmp_path, url):
    with pytest.raises(config.ConfigError, match="AMQP_URL"):
        settings(tmp_path, url)


def test_a_connection_starts_at_the_first_node_and_fails_over_to_the_others_in_turn(tmp_path):
    connection = connect(settings(tmp_path, ";".join(NODES)))

    assert (connection.hostname, connection.alt) == ("rabbit-0", list(NODES))
    connection.maybe_switch_next()
    assert connection.hostname == "rabbit-1"
    connection.maybe_switch_next()
    assert connection.hostname == "rabbit-2"
    connection.maybe_switch_next()
    assert connection.hostname == "rabbit-0"
