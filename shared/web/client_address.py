"""The address a request comes from, for limits kept per client.

Behind nginx or an Ingress every request arrives from the proxy, which names the client in
``X-Forwarded-For``. That header is believed only when the request comes from a trusted
proxy (``VIDNOVA_TRUSTED_PROXIES``): anyone else could write any address in it and get a
fresh allowance with each request. Each trusted proxy appends the address it saw, so the
list is read from the right, past the trusted hops, to the first address no trusted
proxy owns.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence

from shared.config import Network

# A client with IPv6 usually holds a whole /64: keyed by single addresses it would have
# billions of allowances.
IPV6_CLIENT_PREFIX = 64


def client_address(environ: Mapping[str, str], trusted: Sequence[Network]) -> str:
    """The client's address: the peer's own, or the one trusted proxies forwarded."""
    address = environ.get("REMOTE_ADDR", "")
    if not _within(address, trusted):
        return address
    forwarded = [hop.strip() for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([hop for hop in forwarded if hop]):
        if _parse(hop) is None:  # not an address: whatever lies left of it is unreliable
            break
        address = hop
        if not _within(hop, trusted):
            break
    return address


def limit_key(address: str) -> str:
    """What limits are kept by: the address, or its /64 for IPv6."""
    parsed = _parse(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:  # an IPv4 client on a dual-stack socket
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network((parsed, IPV6_CLIENT_PREFIX), strict=False))
    return str(parsed) if parsed is not None else address


def _within(address: str, networks: Sequence[Network]) -> bool:
    parsed = _parse(address)
    return parsed is not None and any(parsed in network for network in networks)


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None
