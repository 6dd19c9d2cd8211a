"""A workbook part's XML streamed into a handler that keeps only what the reader needs.

ElementTree's ``iterparse`` hands an element over only once it is built whole, its text
joined and its children attached: a cell of 60 million characters, or a row of 1.5
million cells, is in memory before a reader can refuse it. Here the parser (expat,
through defusedxml: no DTD, no entity expanding a few bytes into gigabytes) tells a
handler each tag as it opens and closes and each piece of text as it reads it, a few
KiB at a time, so a handler can stop keeping a text at Excel's limit, or refuse a row at
its cap, having built nothing.

What expat still holds whole is one tag, comment or declaration, while it waits for its
end; a spreadsheet program writes none longer than a few KiB, so a part in which expat
reads ``MAX_SILENT_BYTES`` without a single event is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Protocol

from defusedxml.ElementTree import DefusedXMLParser

from services.intake.domain.import_errors import UnreadableFile

READ_SIZE = 4096  # bytes handed to the parser at a time: what it turns into events at once
MAX_SILENT_BYTES = 1024 * 1024
TAG_TOO_LONG = ("The workbook cannot be read: it holds a tag, comment or declaration over "
                "1 MiB long, which no spreadsheet program writes.")


class Handler(Protocol):
    """What a part's events go to; tags come as ``{namespace}name``."""

    def start(self, tag: str, attrib: dict[str, str]) -> None: ...

    def end(self, tag: str) -> None: ...

    def data(self, text: str) -> None: ...


def parse(part: IO[bytes], handler: Handler) -> Iterator[None]:
    """Feed the part to the handler ``READ_SIZE`` bytes at a time, pausing (yielding)
    after each, so that the caller can take what the handler has gathered so far. What
    a damaged part raises is left to ``unreadable_when_damaged``."""
    parser = DefusedXMLParser(target=handler, forbid_dtd=True)
    fed = 0
    while chunk := part.read(READ_SIZE):
        parser.feed(chunk)
        fed += len(chunk)
        # After a feed, expat's position is where its last event began: the bytes
        # since are one token it is still gathering.
        if fed - parser.parser.CurrentByteIndex > MAX_SILENT_BYTES:
            raise UnreadableFile(TAG_TOO_LONG)
        yield
    parser.close()
    yield


def local_name(tag: str) -> str:
    """A tag or attribute name without its "{namespace}"."""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    """A tag's "{namespace}", to name the tags of the same part with: the part's root says
    which of the namespaces of Excel's two flavours its tags are in."""
    return tag[:tag.find("}") + 1] if tag.startswith("{") else ""
