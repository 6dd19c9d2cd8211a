"""Bar charts drawn on the server: the geometry of each bar, for a template to write as
SVG. No chart library and nothing from another host: field offices on poor or filtered
networks get the picture with the page. A suppressed value (a small count withheld) has
no bar and says so; every chart sits beside its table, which screen readers read."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

ROW_HEIGHT, BAR_HEIGHT, LABEL_WIDTH, BAR_SPACE, VALUE_SPACE = 28, 18, 150, 240, 90


@dataclass(frozen=True)
class Bar:
    label: str
    value: str  # as shown: the number, or "suppressed"
    y: int
    width: int  # 0 for no bar (zero or suppressed)
    suppressed: bool


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    label_width: int = LABEL_WIDTH

    @property
    def width(self) -> int:
        return LABEL_WIDTH + BAR_SPACE + VALUE_SPACE

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * ROW_HEIGHT + 8

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT


def _number(value) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def bar_chart(title: str, rows: list[tuple[str, object]]) -> BarChart:
    """Horizontal bars for ``(label, value)`` rows; a None value is a suppressed one."""
    numbers = [_number(value) for _, value in rows]
    largest = max((n for n in numbers if n is not None and n > 0), default=Decimal(1))
    bars = []
    for index, ((label, value), number) in enumerate(zip(rows, numbers, strict=True)):
        width = int(BAR_SPACE * number / largest) if number is not None and number > 0 else 0
        bars.append(Bar(label=str(label)[:24], value="" if number is None else str(value),
                        y=4 + index * ROW_HEIGHT, width=width, suppressed=number is None))
    return BarChart(title, bars)
