"""An .xlsx upload as the parts the Case Sheet is read from: the sheet found by its name,
the shared strings, the styles, and which calendar the workbook counts dates in.

A workbook is a zip of XML parts. ``xl/workbook.xml`` names the sheets and gives each a
relationship id; ``xl/_rels/workbook.xml.rels`` maps the id to the sheet's part, as a path
relative to ``xl/`` or absolute from the zip's root. Tags are matched by local name, or in
the namespace of their part's root: Excel writes the "transitional" namespaces and, saved
as Strict Open XML, other ones.

The file is an upload, so nothing in it is trusted. Its zip directory is refused over
1 MiB (each entry would become an object in memory). A part is refused before it is
read when its header says it unpacks to more than 2 GiB, or to over 1000 times its
packed size; and, whatever its header says, the bytes actually inflated are counted as
they are read, whitespace and all, against the same caps and against the workbook's
budget (``ImportLimits.max_inflated_bytes``, all parts together). XML is streamed (see
``xlsx_xml``): the sheet list and the relationships keep only the entries asked for.
"""

from __future__ import annotations

import posixpath
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, BinaryIO
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile, ZipFile, ZipInfo

from defusedxml import DefusedXmlException

from services.intake.adapters.spreadsheets.limits import DEFAULT_LIMITS, ImportLimits
from services.intake.adapters.spreadsheets.xlsx_xml import local_name, parse
from services.intake.domain.import_errors import UnreadableFile, readable_size

NOT_A_WORKBOOK = "The file is not an Excel workbook (.xlsx)."
TOO_LARGE = ("The workbook is too large to read: a part of it would unpack to more than 2 GiB "
             "(64 MiB for its list of sheets), or to over 1000 times its packed size, or all "
             "its parts together to more than {budget}.")
DIRECTORY_TOO_LARGE = ("The workbook cannot be read: its zip directory is over 1 MiB, where a "
                       "workbook's takes a few KiB.")
MAX_PART_BYTES = 2 * 1024**3
MAX_WHOLE_PART_BYTES = 64 * 1024**2  # the sheet list and its relationships
MAX_RATIO = 1000  # deflate packs at most about 1030:1; only crafted files come close
RATIO_CHECKED_FROM = 100 * 1024**2  # below this, a high ratio cannot hurt
MAX_DIRECTORY_BYTES = 1024**2  # about 10,000 parts; a workbook has a few dozen

WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELATIONSHIPS = "xl/_rels/workbook.xml.rels"

# The end of a zip's central directory: its signature, and where its size is kept.
_END_SIGNATURE = b"PK\x05\x06"
_END_SIZE = 22
_END_FIELDS = struct.Struct("<I")  # the directory's size, at byte 12 of the record
_MAX_COMMENT = 0xFFFF

# What a damaged part raises while it is read: bad XML, forbidden DTDs and entities (a
# ValueError), bad or truncated compressed data, numbers and references that are not.
DAMAGED = (ParseError, DefusedXmlException, ValueError, BadZipFile, zlib.error, EOFError)


@dataclass(frozen=True)
class SheetParts:
    sheet: str | None  # the part of the sheet asked for, None when the workbook has no such sheet
    shared_strings: str | None
    styles: str | None
    date1904: bool  # dates count days from 1904-01-01 (old Mac Excel), not from 1900


class Package:
    """The zip of an .xlsx, read from a binary stream that stays open: its opener closes it."""

    def __init__(self, stream: BinaryIO, limits: ImportLimits = DEFAULT_LIMITS):
        self._budget = _Budget(limits.max_inflated_bytes)
        try:
            _refuse_a_large_directory(stream)
            self._zip = ZipFile(stream)
        except (BadZipFile, EOFError, OSError):
            raise UnreadableFile(NOT_A_WORKBOOK) from None
        # Some writers differ from the relationships in case, or use Windows' separator.
        self._parts = {info.filename.replace("\\", "/").lower(): info for info in self._zip.infolist()}

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    def has(self, name: str) -> bool:
        return name.lower() in self._parts

    def open(self, name: str, limit: int = MAX_PART_BYTES) -> IO[bytes]:
        """A part to stream, refused when missing, encrypted, or unpacking (by its header
        or, as it is read, in fact) to more than ``limit`` bytes or suspiciously more than
        its packed size."""
        info = self._parts.get(name.lower())
        if info is None:
            raise UnreadableFile(NOT_A_WORKBOOK)
        most = _most_inflated(info, limit)
        if info.file_size > most:
            raise self._budget.too_large()
        try:
            return _Counted(self._zip.open(info), most, self._budget)
        except (BadZipFile, NotImplementedError, RuntimeError):
            # zipfile's own answers to a part packed with a compression method it does not
            # know (NotImplementedError) or encrypted with a password (RuntimeError).
            raise UnreadableFile(NOT_A_WORKBOOK) from None

    def sheet_parts(self, sheet_name: str) -> SheetParts:
        """Where the sheet named ``sheet_name`` and the parts its cells refer to are."""
        with unreadable_when_damaged():
            workbook = _Workbook(sheet_name)
            self._read_whole(WORKBOOK, workbook)
            relationships = _Relationships(workbook.sheet_id)
            self._read_whole(WORKBOOK_RELATIONSHIPS, relationships)
        sheet = None
        if workbook.sheet_id is not None:
            sheet = relationships.sheet
            if sheet is None or not self.has(sheet):
                raise UnreadableFile(NOT_A_WORKBOOK)  # the workbook lists the sheet, the zip lacks it
        return SheetParts(sheet, self._optional(relationships.shared_strings, "xl/sharedStrings.xml"),
                          self._optional(relationships.styles, "xl/styles.xml"), workbook.date1904)

    def _read_whole(self, name: str, handler) -> None:
        with self.open(name, limit=MAX_WHOLE_PART_BYTES) as part:
            for _ in parse(part, handler):
                pass

    def _optional(self, related: str | None, usual: str) -> str | None:
        return next((name for name in (related, usual) if name and self.has(name)), None)


class _Budget:
    """The bytes the workbook's parts may inflate to, all together, spent as they are read."""

    def __init__(self, total: int):
        self.total, self.left = total, total

    def spend(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise self.too_large()

    def too_large(self) -> UnreadableFile:
        return UnreadableFile(TOO_LARGE.format(budget=readable_size(self.total)))


class _Counted:
    """A part's inflated bytes as they are read, counted against its own cap and the
    workbook's budget: the header's sizes are the writer's word, these are the facts."""

    def __init__(self, part: IO[bytes], most: int, budget: _Budget):
        self._part, self._left, self._budget = part, most, budget

    def read(self, size: int = -1) -> bytes:
        data = self._part.read(size)
        self._left -= len(data)
        if self._left < 0:
            raise self._budget.too_large()
        self._budget.spend(len(data))
        return data

    def close(self) -> None:
        self._part.close()

    def __enter__(self) -> _Counted:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _most_inflated(info: ZipInfo, limit: int) -> int:
    most = min(limit, MAX_PART_BYTES)
    return most if most <= RATIO_CHECKED_FROM else min(most, max(RATIO_CHECKED_FROM,
                                                                 MAX_RATIO * info.compress_size))


def _refuse_a_large_directory(stream: BinaryIO) -> None:
    """Refuse a zip whose central directory is over ``MAX_DIRECTORY_BYTES`` before
    zipfile makes an object of each of its entries. The record ending the directory is
    in the file's last 22 bytes, or before a comment of at most 64 KiB."""
    end = stream.seek(0, 2)
    tail_size = min(end, _END_SIZE + _MAX_COMMENT)
    stream.seek(end - tail_size)
    tail = stream.read(tail_size)
    stream.seek(0)
    found = tail.rfind(_END_SIGNATURE)
    if found < 0 or found + _END_SIZE > len(tail):
        raise BadZipFile("no end of central directory")
    if _END_FIELDS.unpack_from(tail, found + 12)[0] > MAX_DIRECTORY_BYTES:
        raise UnreadableFile(DIRECTORY_TOO_LARGE)


class _Workbook:
    """From ``xl/workbook.xml``: the relationship id of the sheet asked for, and the calendar."""

    def __init__(self, sheet_name: str):
        self._sheet_name = sheet_name
        self.sheet_id: str | None = None
        self.date1904 = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = local_name(tag)
        if name == "workbookPr":
            self.date1904 = attrib.get("date1904", "").strip().lower() in ("1", "true")
        elif name == "sheet" and attrib.get("name") == self._sheet_name and self.sheet_id is None:
            self.sheet_id = next((value for key, value in attrib.items()
                                  if local_name(key) == "id" and key.startswith("{")), None)

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass


class _Relationships:
    """From ``xl/_rels/workbook.xml.rels``: the parts of the sheet, the shared strings and
    the styles, and nothing else however many relationships are listed."""

    def __init__(self, sheet_id: str | None):
        self._sheet_id = sheet_id
        self.sheet = self.shared_strings = self.styles = None

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if local_name(tag) != "Relationship" or attrib.get("TargetMode") == "External":
            return
        target = _part_name(attrib.get("Target", ""))
        if attrib.get("Id", "") == self._sheet_id:
            self.sheet = target  # the last of the same id, as a lookup table would have it
        kind = attrib.get("Type", "").rpartition("/")[2]
        if kind == "sharedStrings" and self.shared_strings is None:
            self.shared_strings = target
        elif kind == "styles" and self.styles is None:
            self.styles = target

    def end(self, tag: str) -> None:
        pass

    def data(self, text: str) -> None:
        pass


@contextmanager
def unreadable_when_damaged() -> Iterator[None]:
    """Turns what a damaged part raises into ``UnreadableFile``; the cause is dropped, as
    its message may quote the file's data."""
    try:
        yield
    except DAMAGED:
        raise UnreadableFile(NOT_A_WORKBOOK) from None


def _part_name(target: str) -> str:
    target = target.replace("\\", "/")
    return posixpath.normpath(target[1:] if target.startswith("/") else posixpath.join("xl", target))
