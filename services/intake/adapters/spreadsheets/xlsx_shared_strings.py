"""A workbook's shared strings, kept on disk and looked up by index.

Excel writes each distinct text once, in ``xl/sharedStrings.xml``, and a text cell holds
its index there. A sheet of people has as many distinct texts as people (their names,
their phones when typed as text), so the table grows with the file: held in memory it
would be the one thing that does. It is streamed once into two temporary files, the
texts one after another and where each starts, and read back by position.

The texts are survivors' names in clear, so the files never have a name: they are
unlinked from the moment they exist (``tempfile.TemporaryFile``), and whatever ends the
process (a kill included) leaves nothing on disk for anyone to open.

A string item is plain (``<si><t>``) or rich text, runs of differently formatted pieces
(``<si><r><t>``); its text is its pieces together, without the phonetic guides
(``<rPh>``) of Japanese text. Inline strings (``<is>``) are written the same way.
"""

from __future__ import annotations

import os
import struct
import tempfile
from typing import IO
from xml.etree.ElementTree import Element

from services.intake.adapters.spreadsheets.errors import UnreadableFile
from services.intake.adapters.spreadsheets.xlsx_package import NOT_A_WORKBOOK, iterparse, namespace

# Where each text starts in the texts file, a fixed-width number per text, so that the
# index of a text says where to read its start (and, after it, the next text's start).
_OFFSET = struct.Struct("<Q")
# Short texts looked up lately, such as the picklist labels most rows repeat: at most
# 1,024 of at most 100 characters, so the cache takes a few hundred KiB at most.
CACHED_TEXTS = 1_024
CACHED_LENGTH = 100


def item_text(item: Element, ns: str) -> str:
    """The text of a string item (``<si>`` or ``<is>``) whose tags are in namespace ``ns``:
    its pieces, phonetic guides left out."""
    text, run = ns + "t", ns + "r"
    if len(item) == 1 and item[0].tag == text:  # plain text, by far the most common
        return item[0].text or ""
    pieces = []
    for child in item:
        if child.tag == text:
            pieces.append(child.text or "")
        elif child.tag == run:
            pieces.extend(piece.text or "" for piece in child if piece.tag == text)
    return "".join(pieces)


class SharedStrings:
    """The texts of ``xl/sharedStrings.xml`` by index; ``close`` lets their files go."""

    def __init__(self) -> None:
        self._texts: IO[bytes] | None = None
        self._starts: IO[bytes] | None = None
        self._count = self._size = 0
        self._cache: dict[int, str] = {}

    @classmethod
    def load(cls, part: IO[bytes]) -> SharedStrings:
        strings = cls()
        try:
            strings._load(part)
        except BaseException:
            strings.close()
            raise
        return strings

    def __enter__(self) -> SharedStrings:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def __getitem__(self, index: int) -> str:
        text = self._cache.get(index)
        if text is None:
            text = self._look_up(index)
            if len(text) <= CACHED_LENGTH:
                if len(self._cache) >= CACHED_TEXTS:
                    self._cache.clear()  # those still repeated come back at once
                self._cache[index] = text
        return text

    def close(self) -> None:
        self._cache.clear()
        for file in (self._texts, self._starts):
            if file is not None:
                file.close()
        self._texts = self._starts = None

    def _look_up(self, index: int) -> str:
        if not 0 <= index < self._count:
            raise UnreadableFile(NOT_A_WORKBOOK)  # a cell refers to a string the workbook lacks
        # Positioned reads: no seeking, so nothing to get wrong between two look-ups.
        starts = os.pread(self._starts.fileno(), 2 * _OFFSET.size, index * _OFFSET.size)
        start = _OFFSET.unpack_from(starts)[0]
        end = _OFFSET.unpack_from(starts, _OFFSET.size)[0] if len(starts) > _OFFSET.size else self._size
        return os.pread(self._texts.fileno(), end - start, start).decode()

    def _load(self, part: IO[bytes]) -> None:
        self._texts, self._starts = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        events = iterparse(part)
        _, root = next(events)
        ns = namespace(root.tag)
        item = ns + "si"
        for event, element in events:
            if element.tag == item and event == "end":
                self._add(item_text(element, ns))
                del root[:]  # items built so far leave the tree; each comes with its own event
        self._texts.flush()
        self._starts.flush()

    def _add(self, text: str) -> None:
        encoded = text.encode()
        self._starts.write(_OFFSET.pack(self._size))
        self._texts.write(encoded)
        self._size += len(encoded)
        self._count += 1
