"""The client address limits are kept by: X-Forwarded-For is believed from trusted
proxies only, and read from the right, so a client cannot choose its own key."""

import ipaddress

import pytest

from shared import config
from shared.web.client_address import client_address, limit_key

NGINX = [ipaddress.ip_network("10.0.0.0/24")]


def environ(peer: str, forwarded: str | None = None) -> dict[str, str]:
    return {"REMOTE_ADDR": peer, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {})}


def test_a_direct_client_is_its_own_address():
    assert client_address(environ("203.0.113.7"), NGINX) == "203.0.113.7"


def test_forwarded_for_from_an_untrusted_peer_is_ignored():
    assert client_address(environ("203.0.113.7", "198.51.100.1"), NGINX) == "203.0.113.7"


def test_with_no_trusted_proxy_configured_nobody_is_believed():
    assert client_address(environ("10.0.0.2", "198.51.100.1"), []) == "10.0.0.2"


def test_a_trusted_proxy_names_the_client():
    assert client_address(environ("10.0.0.2", "198.51.100.1"), NGINX) == "198.51.100.1"


def test_what_the_client_wrote_left_of_the_proxys_entry_is_not_believed():
    # The client sent "X-Forwarded-For: 192.0.2.99"; a proxy that appends adds what it saw.
    assert client_address(environ("10.0.0.2", "192.0.2.99, 198.51.100.1"), NGINX) == "198.51.100.1"


def test_trusted_hops_are_skipped_to_the_first_address_no_proxy_owns():
    chain = "192.0.2.99, 198.51.100.1, 10.0.0.9"
    assert client_address(environ("10.0.0.2", chain), NGINX) == "198.51.100.1"


def test_a_hop_that_is_not_an_address_ends_the_walk():
    assert client_address(environ("10.0.0.2", "198.51.100.1, unknown, 10.0.0.9"), NGINX) == "10.0.0.9"


def test_an_ipv6_client_is_limited_by_its_64():
    assert limit_key("2001:db8:1:2:aaaa::1") == limit_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert limit_key("2001:db8:1:3::1") != limit_key("2001:db8:1:2::1")


def test_an_ipv4_client_is_limited_by_its_address_even_on_a_dual_stack_socket():
    assert limit_key("::ffff:198.51.100.1") == limit_key("198.51.100.1") == "198.51.100.1"


def test_trusted_proxies_come_from_the_environment(tmp_path):
    settings = config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path),
                                          "VIDNOVA_TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1"})

    assert settings.trusted_proxies == (ipaddress.ip_network("10.0.0.0/8"),
                                        ipaddress.ip_network("127.0.0.1/32"))
    assert config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path)}).trusted_proxies == ()


def test_a_trusted_proxy_that_is_not_an_address_is_refused(tmp_path):
    with pytest.raises(config.ConfigError, match="VIDNOVA_TRUSTED_PROXIES"):
        config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path),
                                   "VIDNOVA_TRUSTED_PROXIES": "nginx"})
