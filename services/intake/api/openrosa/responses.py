"""The OpenRosa response envelope and headers ODK Collect, Enketo and Kobo look for.

Clients treat a submission as delivered only on 201 or 202 with this envelope, and show
the message to the enumerator. A HEAD request gets 204 with the headers alone; the
``X-OpenRosa-Version`` header tells them they reached an OpenRosa server and not a
Wi-Fi login page. The ``Date`` header the standard asks for is left to the HTTP server,
which adds it to every response.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

NAMESPACE = "http://openrosa.org/http/response"
CONTENT_TYPE = "text/xml; charset=utf-8"
# The POST body size clients are told to stay under; they split larger ones. The view
# should make its MAX_CONTENT_LENGTH the same, so what is announced is what is accepted.
ACCEPT_CONTENT_LENGTH = 10 * 1024 * 1024


def openrosa_headers(accept_content_length: int = ACCEPT_CONTENT_LENGTH) -> dict[str, str]:
    """Headers for every response of the endpoint, HEAD and errors included."""
    return {"X-OpenRosa-Version": "1.0", "X-OpenRosa-Accept-Content-Length": str(accept_content_length)}


def success(message: str) -> bytes:
    """The body for 201 (stored now) or 202 (stored before: the client must not resend)."""
    return _envelope(message, "submit_success")


def error(message: str) -> bytes:
    """The body for a refused submission; ``message`` must not quote what was submitted."""
    return _envelope(message, "error")


def _envelope(message: str, nature: str) -> bytes:
    # xmlns written as an attribute: ElementTree would otherwise prefix the elements
    # (ns0:), and its default_namespace option refuses the unqualified nature attribute.
    root = ET.Element("OpenRosaResponse", xmlns=NAMESPACE)
    ET.SubElement(root, "message", nature=nature).text = message
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
