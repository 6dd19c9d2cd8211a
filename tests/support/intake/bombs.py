"""Files built to exhaust an importer while staying small on disk and within the zip
ratio guard: what issue 8 measured (a 62 KB workbook holding one 60 MB string, a
shared string of whitespace, a row of 1.5 million cells) and their CSV cousins.

Every bomb is streamed into its file a MiB at a time, so writing one costs the test
no more memory than reading it should. Row 2 carries the bomb and row 3 is an ordinary
person, so a test can tell a refused row from a refused file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from tests.support.intake.raw_xlsx import cell, row, si, text, write_xlsx

MIB = 1024 * 1024
BOMB_ROW, NEXT_ROW = 2, 3
FIELDS = ("prs_FirstName", "prs_SecondName")
NEXT_PERSON = ("Oksana", "Koval")


def repeated(piece: str, count: int, chunk: int = MIB) -> Iterator[str]:
    """``piece * count`` in chunks of about ``chunk`` characters."""
    per_chunk = max(1, chunk // len(piece))
    while count > 0:
        taken = min(per_chunk, count)
        yield piece * taken
        count -= taken


def _inline(ref: str, value: str) -> str:
    return cell(ref, t="inlineStr", inner=f"<is>{text(value)}</is>")


def _header_and_next_person() -> tuple[str, str]:
    header = row(1, *(_inline(f"{column}1", name) for column, name in zip("AB", FIELDS, strict=True)))
    after = row(NEXT_ROW, *(_inline(f"{column}{NEXT_ROW}", name)
                            for column, name in zip("AB", NEXT_PERSON, strict=True)))
    return header, after


def inline_string_bomb(path: Path, chars: int, piece: str = "A") -> Path:
    """Row 2's first name an inline string of ``chars`` characters: 60 MB deflates to
    about 60 KB."""
    header, after = _header_and_next_person()

    def rows() -> Iterator[str]:
        yield header
        yield f'<row r="{BOMB_ROW}"><c r="A{BOMB_ROW}" t="inlineStr"><is><t xml:space="preserve">'
        yield from repeated(piece, chars // len(piece))
        yield f"</t></is></c>{_inline(f'B{BOMB_ROW}', 'Petrenko')}</row>"
        yield after

    return write_xlsx(path, rows())


def shared_string_bomb(path: Path, chars: int, piece: str = " ", runs: int = 1) -> Path:
    """Row 2's first name the shared string 2: ``chars`` characters of ``piece`` (spaces
    by default, which a reader keeping only stripped text would not count), written as
    one ``<t>`` or spread over ``runs`` rich-text runs, each under Excel's limit."""
    header, after = _header_and_next_person()
    per_run = chars // runs

    def bomb() -> Iterator[str]:
        yield "<si>"
        for _ in range(runs):
            yield '<r><rPr><b/></rPr><t xml:space="preserve">' if runs > 1 else '<t xml:space="preserve">'
            yield from repeated(piece, per_run // len(piece))
            yield "</t></r>" if runs > 1 else "</t>"
        yield "</si>"

    def strings() -> Iterator[str]:
        yield from (si(name) for name in FIELDS)
        yield from bomb()

    return write_xlsx(path, [header, row(BOMB_ROW, cell(f"A{BOMB_ROW}", "2", t="s"),
                                         _inline(f"B{BOMB_ROW}", "Petrenko")), after],
                      shared_strings=strings())


def wide_row_bomb(path: Path, cells: int) -> Path:
    """Row 2 with ``cells`` cells, none giving its column (each is the next one's left
    neighbour): 1.5 million take 18 MB of XML, about 40 KB deflated."""
    header, after = _header_and_next_person()

    def rows() -> Iterator[str]:
        yield header
        yield f'<row r="{BOMB_ROW}">'
        yield from repeated("<c><v>1</v></c>", cells)
        yield "</row>"
        yield after

    return write_xlsx(path, rows())


def csv_bomb(path: Path, line: Iterator[str]) -> Path:
    """A CSV whose row 2 is ``line`` (its pieces), between a header and a person."""
    with open(path, "w", encoding="utf-8", newline="") as file:
        file.write(",".join(FIELDS) + "\n")
        for piece in line:
            file.write(piece)
        file.write("\n" + ",".join(NEXT_PERSON) + "\n")
    return path


def csv_long_field_bomb(path: Path, chars: int, quoted: bool = False) -> Path:
    """Row 2's first name ``chars`` characters long; quoted, it spans lines too."""
    body = repeated("A\n", chars // 2) if quoted else repeated("A", chars)
    return csv_bomb(path, iter(['"' if quoted else "", *body, '"' if quoted else "", ",Petrenko"]))


def csv_wide_row_bomb(path: Path, columns: int) -> Path:
    """Row 2 with ``columns`` empty fields."""
    return csv_bomb(path, iter(["Iryna,Petrenko", *repeated(",", columns)]))
