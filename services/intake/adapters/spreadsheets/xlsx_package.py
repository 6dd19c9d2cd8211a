"""An .xlsx upload as the parts the Case Sheet is read from: the sheet found by its name,
the shared strings, the styles, and which calendar the workbook counts dates in.

A workbook is a zip of XML parts. ``xl/workbook.xml`` names the sheets and gives each a
relationship id; ``xl/_rels/workbook.xml.rels`` maps the id to the sheet's part, as a path
relative to ``xl/`` or absolute from the zip's root. Tags are matched by local name, or in
the namespace of their part's root: Excel writes the "transitional" namespaces and, saved
as Strict Open XML, other ones.

The file is an upload, so nothing in it is trusted: XML is parsed with defusedxml (no DTD,
no entities that expand a few bytes into gigabytes), and a part that would unpack to more
than 2 GiB, or to over 1000 times its packed size, is refused before it is read; so is a
list of sheets or relationships over 64 MiB, as those are parsed whole.
"""

from __future__ import annotations

import posixpath
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, BinaryIO
from xml.etree.ElementTree import Element, ParseError
from zipfile import BadZipFile, ZipFile

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from services.intake.adapters.spreadsheets.errors import UnreadableFile

NOT_A_WORKBOOK = "The file is not an Excel workbook (.xlsx)."
TOO_LARGE = ("The workbook is too large to read: a part of it would unpack to more than 2 GiB "
             "(64 MiB for its list of sheets), or to over 1000 times its packed size.")
MAX_PART_BYTES = 2 * 1024**3
MAX_WHOLE_PART_BYTES = 64 * 1024**2  # a part parsed whole (the sheet list, the relationships)
MAX_RATIO = 1000  # deflate packs at most about 1030:1; only crafted files come close
RATIO_CHECKED_FROM = 100 * 1024**2  # below this, a high ratio cannot hurt

READ_SIZE = 4096  # bytes handed to the XML parser at a time (see _SmallReads)

WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELATIONSHIPS = "xl/_rels/workbook.xml.rels"

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

    def __init__(self, stream: BinaryIO):
        try:
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

    def open(self, name: str, limit: int | None = None) -> IO[bytes]:
        """A part to stream, refused when missing, encrypted or unpacking suspiciously large
        (over ``limit`` bytes when given)."""
        info = self._parts.get(name.lower())
        if info is None:
            raise UnreadableFile(NOT_A_WORKBOOK)
        if info.file_size > min(limit or MAX_PART_BYTES, MAX_PART_BYTES) or (
                info.file_size > RATIO_CHECKED_FROM and info.file_size > MAX_RATIO * info.compress_size):
            raise UnreadableFile(TOO_LARGE)
        try:
            return self._zip.open(info)
        except (BadZipFile, NotImplementedError, RuntimeError):
            # zipfile's own answers to a part packed with a compression method it does not
            # know (NotImplementedError) or encrypted with a password (RuntimeError).
            raise UnreadableFile(NOT_A_WORKBOOK) from None

    def sheet_parts(self, sheet_name: str) -> SheetParts:
        """Where the sheet named ``sheet_name`` and the parts its cells refer to are."""
        sheet_id, date1904 = None, False
        with unreadable_when_damaged():
            for element in self._xml(WORKBOOK).iter():
                name = local_name(element.tag)
                if name == "workbookPr":
                    date1904 = element.get("date1904", "").strip().lower() in ("1", "true")
                elif name == "sheet" and element.get("name") == sheet_name and sheet_id is None:
                    sheet_id = next((value for key, value in element.attrib.items()
                                     if local_name(key) == "id" and key.startswith("{")), None)
            targets: dict[str, str] = {}
            kinds: dict[str, str] = {}
            for element in self._xml(WORKBOOK_RELATIONSHIPS).iter():
                if local_name(element.tag) == "Relationship" and element.get("TargetMode") != "External":
                    target = _part_name(element.get("Target", ""))
                    targets[element.get("Id", "")] = target
                    kinds.setdefault(element.get("Type", "").rpartition("/")[2], target)
        sheet = None
        if sheet_id is not None:
            sheet = targets.get(sheet_id)
            if sheet is None or not self.has(sheet):
                raise UnreadableFile(NOT_A_WORKBOOK)  # the workbook lists the sheet, the zip lacks it
        return SheetParts(sheet, self._optional(kinds.get("sharedStrings"), "xl/sharedStrings.xml"),
                          self._optional(kinds.get("styles"), "xl/styles.xml"), date1904)

    def _xml(self, name: str) -> Element:
        with self.open(name, limit=MAX_WHOLE_PART_BYTES) as part:
            return safe_xml.parse(part, forbid_dtd=True).getroot()

    def _optional(self, related: str | None, usual: str) -> str | None:
        return next((name for name in (related, usual) if name and self.has(name)), None)


def iterparse(part: IO[bytes]) -> Iterator[tuple[str, Element]]:
    """The part's ("start" | "end", element) events, safely; the caller clears what it read."""
    return safe_xml.iterparse(_SmallReads(part), events=("start", "end"), forbid_dtd=True)


class _SmallReads:
    """A part read a few KiB at a time. The parser turns all it is given into elements
    before the first is handed on, so the size of a read is what memory holds."""

    def __init__(self, part: IO[bytes]):
        self._part = part

    def read(self, size: int = -1) -> bytes:
        return self._part.read(min(size, READ_SIZE) if size >= 0 else READ_SIZE)


def local_name(tag: str) -> str:
    """A tag or attribute name without its "{namespace}"."""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    """A tag's "{namespace}", to name the tags of the same part with: the part's root says
    which of the namespaces of Excel's two flavours its tags are in."""
    return tag[:tag.find("}") + 1] if tag.startswith("{") else ""


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
