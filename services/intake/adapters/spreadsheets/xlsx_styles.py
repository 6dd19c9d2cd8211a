"""Which cells of a workbook hold dates, and the dates their numbers stand for.

Excel keeps a date as a number of days (the time of day as the fraction) and shows it as
a date only through the cell's number format: the cell's style (its ``s``) indexes the
``cellXfs`` of ``xl/styles.xml``, whose ``numFmtId`` is one of Excel's built-in formats
or a custom ``formatCode``. A format is a date's when it shows a day, month, year, hour
or second; text in quotes, colours and locales in brackets, and escaped characters are
not the format's own.

The styles are the upload's too: a format code longer than Excel allows (255 characters)
is not read as a date's, as the patterns below would take time growing with its square;
only short format numbers are kept; and a list of formats or styles longer than Excel's
(65,490) makes the file unreadable.

The days count from 1899-12-30, but Excel keeps Lotus 1-2-3's 29 February 1900, so the
59 days before it count from a day later. Old Mac workbooks count from 1904-01-01.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import IO

from services.intake.adapters.spreadsheets.xlsx_xml import local_name, parse
from services.intake.domain.import_errors import UnreadableFile

BUILTIN_DATE_FORMATS = frozenset([*range(14, 23), 45, 46, 47])
SECONDS_A_DAY = 86_400
MAX_FORMAT_CODE = 255  # Excel's limit on a number format's code
MAX_STYLES = 65_490  # Excel's limit on a workbook's cell formats
MAX_FORMAT_ID = 10  # digits of a format's number: Excel's run to 3, longer ones are kept as none
TOO_MANY_STYLES = ("The workbook cannot be read: it has more number formats or cell styles "
                   f"than Excel allows ({MAX_STYLES:,}).")

_EPOCH_1900 = date(1899, 12, 30)
_EPOCH_BEFORE_MARCH_1900 = date(1899, 12, 31)
_EPOCH_1904 = date(1904, 1, 1)
_FAKE_LEAP_DAY = 60  # 1900-02-29, which was not: read as the 28th

# Left to right, so that a quote inside brackets or an escaped quote is read as Excel does:
# quoted text, "\x" and "_x" / "*x" (an escaped, a padding and a fill character), elapsed
# time ([h], [mm], [ss]), and any other bracketed section (colour, condition, locale).
_NOT_THE_FORMATS_OWN = re.compile(r'"[^"]*"|\\.|[_*].|(\[(?:h+|m+|s+)\])|\[[^\]]*\]', re.IGNORECASE)
_DATE_PARTS = re.compile(r"[dmyhs]", re.IGNORECASE)


def is_date_format(code: str) -> bool:
    """Whether a number format shows a number as a date or a time."""
    own = _NOT_THE_FORMATS_OWN.sub(lambda found: "h" if found.group(1) else "", code)
    return bool(_DATE_PARTS.search(own))


def date_styles(part: IO[bytes]) -> frozenset[str]:
    """The styles (as the ``s`` of a cell spells them) whose number format is a date's."""
    styles = _Styles()
    for _ in parse(part, styles):
        pass
    return frozenset(str(index) for index, format_id in enumerate(styles.formats)
                     if _is_date_format_id(format_id.strip(), styles.custom))


class _Styles:
    """Handler of ``xl/styles.xml``'s events: the custom number formats (``numFmt``) and the
    format of each cell style (the ``xf`` of ``cellXfs``), nothing else."""

    def __init__(self) -> None:
        self.custom: dict[str, str] = {}
        self.formats: list[str] = []
        self._in_cell_styles = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = local_name(tag)
        if name == "numFmt":
            code = attrib.get("formatCode", "")
            self.custom[_format_id(attrib)] = code if len(code) <= MAX_FORMAT_CODE else ""
            _within_excels_limit(self.custom)
        elif name == "cellXfs":
            self._in_cell_styles = True
        elif name == "xf" and self._in_cell_styles:
            self.formats.append(_format_id(attrib, "0"))
            _within_excels_limit(self.formats)

    def end(self, tag: str) -> None:
        if local_name(tag) == "cellXfs":
            self._in_cell_styles = False

    def data(self, text: str) -> None:
        pass


def _format_id(attrib: dict[str, str], default: str = "") -> str:
    format_id = attrib.get("numFmtId", default)
    return format_id if len(format_id) <= MAX_FORMAT_ID else ""


def _within_excels_limit(listed) -> None:
    if len(listed) > MAX_STYLES:
        raise UnreadableFile(TOO_MANY_STYLES)


def _is_date_format_id(format_id: str, custom: dict[str, str]) -> bool:
    if format_id in custom:  # a custom format, or a workbook's own wording of a built-in one
        return is_date_format(custom[format_id])
    return format_id.isdigit() and int(format_id) in BUILTIN_DATE_FORMATS


def from_serial(serial: float, date1904: bool) -> date | datetime | time | None:
    """The date a date cell's number stands for: a time of day below 1, a date when whole,
    else a date and time to the second. None when no date has that number."""
    if not 0 <= serial < 3_000_000:  # 3,000,000 days is past the year 9999
        return None
    days, seconds = divmod(round(serial * SECONDS_A_DAY), SECONDS_A_DAY)
    if serial < 1 and days == 0:
        return time(seconds // 3600, seconds // 60 % 60, seconds % 60)
    if date1904:
        epoch = _EPOCH_1904
    else:
        epoch = _EPOCH_1900 if serial >= _FAKE_LEAP_DAY else _EPOCH_BEFORE_MARCH_1900
    try:
        day = epoch + timedelta(days=days)
    except OverflowError:
        return None
    if serial.is_integer():
        return day
    return datetime(day.year, day.month, day.day) + timedelta(seconds=seconds)
