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
(``<rPh>``) of Japanese text. Inline strings (``<is>``) are written the same way. An item
is gathered only up to Excel's limit on a cell, all its runs together; a longer one is
kept as ``TOO_LONG``, by a mark on its position, and the cells showing it are refused.
"""

from __future__ import annotations

import os
import struct
import tempfile
from typing import IO

from services.intake.adapters.spreadsheets.xlsx_package import NOT_A_WORKBOOK
from services.intake.adapters.spreadsheets.xlsx_xml import namespace, parse
from services.intake.domain.import_errors import UnreadableFile
from services.intake.domain.long_cells import TOO_LONG, CappedText, Cell

# Where each text starts in the texts file, a fixed-width number per text, so that the
# index of a text says where to read its start (and, after it, the next text's start).
_OFFSET = struct.Struct("<Q")
_TOO_LONG_MARK = 1 << 63  # on the start of an item that was too long, whose text is not kept
# Short texts looked up lately, such as the picklist labels most rows repeat: at most
# 1,024 of at most 100 characters, so the cache takes a few hundred KiB at most.
CACHED_TEXTS = 1_024
CACHED_LENGTH = 100


class StringItems:
    """Handler of string items (``<si>``, or ``<is>`` when reading a sheet): each item's
    text, its phonetic guides left out, as ``CappedText``, handed to ``on_item`` at the
    item's end. The item's tag is named once the part's namespace is known."""

    def __init__(self, on_item):
        self._on_item = on_item
        self.item_tag = self._text_tag = self._guide_tag = None
        self._item: CappedText | None = None
        self._gathering: CappedText | None = None
        self._guides = 0  # depth in <rPh>

    def name_tags(self, ns: str, item: str) -> None:
        self.item_tag, self._text_tag, self._guide_tag = ns + item, ns + "t", ns + "rPh"

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == self.item_tag:
            self._item, self._guides = CappedText(), 0
        elif self._item is None:
            return
        elif tag == self._text_tag and not self._guides:
            self._gathering = self._item
        elif tag == self._guide_tag:
            self._guides += 1

    def end(self, tag: str) -> None:
        if self._item is None:
            return
        if tag == self._text_tag:
            self._gathering = None
        elif tag == self._guide_tag:
            self._guides -= 1
        elif tag == self.item_tag:
            item, self._item = self._item, None
            self._on_item(item.value())

    def data(self, text: str) -> None:
        if self._gathering is not None:
            self._gathering.add(text)


class _SharedStringsPart(StringItems):
    """``xl/sharedStrings.xml``: its ``<si>`` items, in the namespace of its root."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.item_tag is None:
            self.name_tags(namespace(tag), "si")
        super().start(tag, attrib)


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

    def __getitem__(self, index: int) -> Cell:
        text = self._cache.get(index)
        if text is None:
            text = self._look_up(index)
            if text is not TOO_LONG and len(text) <= CACHED_LENGTH:
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

    def _look_up(self, index: int) -> Cell:
        if not 0 <= index < self._count:
            raise UnreadableFile(NOT_A_WORKBOOK)  # a cell refers to a string the workbook lacks
        # Positioned reads: no seeking, so nothing to get wrong between two look-ups.
        starts = os.pread(self._starts.fileno(), 2 * _OFFSET.size, index * _OFFSET.size)
        start = _OFFSET.unpack_from(starts)[0]
        if start & _TOO_LONG_MARK:
            return TOO_LONG
        end = (_OFFSET.unpack_from(starts, _OFFSET.size)[0] & ~_TOO_LONG_MARK
               if len(starts) > _OFFSET.size else self._size)
        return os.pread(self._texts.fileno(), end - start, start).decode()

    def _load(self, part: IO[bytes]) -> None:
        self._texts, self._starts = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        for _ in parse(part, _SharedStringsPart(self._add)):
            pass
        self._texts.flush()
        self._starts.flush()

    def _add(self, text: Cell) -> None:
        if text is TOO_LONG:
            self._starts.write(_OFFSET.pack(self._size | _TOO_LONG_MARK))
        else:
            encoded = text.encode()
            self._starts.write(_OFFSET.pack(self._size))
            self._texts.write(encoded)
            self._size += len(encoded)
        self._count += 1
