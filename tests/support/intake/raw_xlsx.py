"""Workbooks written part by part, as XML: what a spreadsheet program may write that
openpyxl never does (inline strings, rich text, the strict namespaces, a 1904 workbook),
damaged files, and sheets too long to write through openpyxl in a fast test.

Each part is streamed into its zip member, so a sheet of 100,000 rows is never held whole.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from html import escape
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

Part = str | bytes | Iterable[str]


def write_xlsx(
    path: Path,
    rows: Iterable[str],
    *,
    shared_strings: Iterable[str] | None = None,
    styles: str | None = None,
    sheet: str = "Case Sheet",
    target: str = "worksheets/sheet1.xml",
    workbook_properties: str = "",
    strict: bool = False,
    parts: dict[str, Part] | None = None,
) -> Path:
    """A workbook of one sheet whose ``<sheetData>`` holds ``rows`` (``<row>`` elements, see
    ``row``). ``shared_strings`` are ``<si>`` elements (see ``si``), ``styles`` the content
    of ``<styleSheet>``, ``target`` the sheet's path as the workbook's relationships give it,
    ``workbook_properties`` the attributes of ``<workbookPr>``. ``parts`` replace or add
    whole members, by name."""
    main, relationships = (STRICT_MAIN, STRICT_RELATIONSHIPS) if strict else (MAIN, RELATIONSHIPS)
    sheet_member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    members: dict[str, Part] = {
        "[Content_Types].xml": _content_types(sheet_member, shared_strings is not None, styles is not None),
        "_rels/.rels": _relationships([("rId1", f"{relationships}/officeDocument", "xl/workbook.xml")]),
        "xl/workbook.xml": (
            f'{XML_DECLARATION}<workbook xmlns="{main}" xmlns:r="{relationships}">'
            f"<workbookPr {workbook_properties}/>"
            f'<sheets><sheet name={_quoted(sheet)} sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": _relationships(
            [("rId1", f"{relationships}/worksheet", target)]
            + ([("rId2", f"{relationships}/sharedStrings", "sharedStrings.xml")] if shared_strings is not None
               else [])
            + ([("rId3", f"{relationships}/styles", "styles.xml")] if styles is not None else [])
        ),
        sheet_member: _wrapped(f'{XML_DECLARATION}<worksheet xmlns="{main}"><sheetData>', rows,
                               "</sheetData></worksheet>"),
    }
    if shared_strings is not None:
        members["xl/sharedStrings.xml"] = _wrapped(f'{XML_DECLARATION}<sst xmlns="{main}">', shared_strings,
                                                   "</sst>")
    if styles is not None:
        members["xl/styles.xml"] = f'{XML_DECLARATION}<styleSheet xmlns="{main}">{styles}</styleSheet>'
    members.update(parts or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, part in members.items():
            _write_member(package, name, part)
    return path


def row(number: int | None, *cells: str) -> str:
    """A ``<row>``; ``None`` leaves out its ``r`` attribute."""
    attribute = "" if number is None else f' r="{number}"'
    return f"<row{attribute}>{''.join(cells)}</row>"


def cell(ref: str | None, value: str | None = None, *, t: str | None = None, s: int | None = None,
         inner: str | None = None) -> str:
    """A ``<c>`` with ``value`` as its ``<v>``, or with ``inner`` as its content."""
    attributes = "".join(f' {name}="{escape(str(given))}"'
                         for name, given in (("r", ref), ("t", t), ("s", s)) if given is not None)
    content = inner if inner is not None else "" if value is None else f"<v>{escape(value)}</v>"
    return f"<c{attributes}>{content}</c>"


def text(value: str) -> str:
    """A cell's string as a ``<t>``, spaces kept."""
    return f'<t xml:space="preserve">{escape(value)}</t>'


def si(*pieces: str) -> str:
    """A shared string: one ``<t>``, or rich-text runs when given several pieces."""
    if len(pieces) == 1:
        return f"<si>{text(pieces[0])}</si>"
    return "<si>" + "".join(f'<r><rPr><b/></rPr>{text(piece)}</r>' for piece in pieces) + "</si>"


def _wrapped(head: str, body: Iterable[str], tail: str) -> Iterable[str]:
    yield head
    yield from body
    yield tail


def _write_member(package: zipfile.ZipFile, name: str, part: Part) -> None:
    if isinstance(part, str | bytes):
        package.writestr(name, part)
        return
    with package.open(name, "w") as member:
        chunk: list[str] = []
        for piece in part:
            chunk.append(piece)
            if len(chunk) >= 1000:
                member.write("".join(chunk).encode())
                chunk.clear()
        member.write("".join(chunk).encode())


def _relationships(entries: list[tuple[str, str, str]]) -> str:
    listed = "".join(f"<Relationship Id={_quoted(id_)} Type={_quoted(type_)} Target={_quoted(target)}/>"
                     for id_, type_, target in entries)
    return f'{XML_DECLARATION}<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{listed}</Relationships>'


def _content_types(sheet_member: str, shared_strings: bool, styles: bool) -> str:
    office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = [("/xl/workbook.xml", f"{office}.sheet.main+xml"),
                 (f"/{sheet_member}", f"{office}.worksheet+xml")]
    if shared_strings:
        overrides.append(("/xl/sharedStrings.xml", f"{office}.sharedStrings+xml"))
    if styles:
        overrides.append(("/xl/styles.xml", f"{office}.styles+xml"))
    listed = "".join(f"<Override PartName={_quoted(name)} ContentType={_quoted(kind)}/>"
                     for name, kind in overrides)
    return (f'{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{listed}</Types>')


def _quoted(value: str) -> str:
    return f'"{escape(value)}"'
