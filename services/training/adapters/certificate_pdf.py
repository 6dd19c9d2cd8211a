"""A certificate of completion as a PDF: A4 landscape, set in DejaVu Sans (shipped in
``fonts/`` with its licence: the built-in PDF fonts have no Cyrillic), with the
verification code and a QR code of the address that verifies it.

The name is drawn on the page and nowhere else: it is not logged, not kept, and the file
is made in memory and handed straight to the caller.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import segno
from fpdf import FPDF

from services.training.domain.certificates import WORDING

FONTS = Path(__file__).parent / "fonts"
_FAMILY = "DejaVu"


@dataclass(frozen=True)
class CertificateContent:
    """What a certificate says; ``name`` as intake gave it at the moment of printing."""

    language: str
    name: str
    course_title: str
    hours: float
    starts_on: date
    ends_on: date
    provider: str
    programme: str
    code: str
    verify_url: str


def render(content: CertificateContent) -> bytes:
    words = WORDING[content.language]
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(words.title)
    pdf.set_creator("Vidnova training")
    pdf.add_font(_FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(_FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_draw_color(40, 70, 110)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    _line(pdf, words.title, 26, bold=True, top=30)
    _line(pdf, words.certifies, 14, top=55)
    _line(pdf, content.name, 24, bold=True, top=68)
    _line(pdf, words.completed, 14, top=85)
    _line(pdf, f"«{content.course_title}»" if content.language == "uk" else f"“{content.course_title}”",
          18, bold=True, top=97)
    hours = f"{content.hours:g}"
    _line(pdf, f"{words.hours.format(hours=hours)}, "
               f"{words.dates.format(start=words.day(content.starts_on), end=words.day(content.ends_on))}",
          12, top=113)
    _line(pdf, words.provider.format(provider=content.provider), 12, top=122)
    _line(pdf, words.programme.format(programme=content.programme), 12, top=131)
    _qr(pdf, content.verify_url)
    pdf.set_xy(20, 165)
    pdf.set_font(_FAMILY, "B", 12)
    pdf.cell(200, 8, words.code.format(code=content.code))
    pdf.set_xy(20, 174)
    pdf.set_font(_FAMILY, "", 9)
    pdf.multi_cell(200, 5, words.verify.format(url=content.verify_url))
    return bytes(pdf.output())


def _line(pdf: FPDF, text: str, size: int, top: float, bold: bool = False) -> None:
    pdf.set_font(_FAMILY, "B" if bold else "", size)
    pdf.set_xy(15, top)
    pdf.cell(pdf.w - 30, size * 0.6, text, align="C")


def _qr(pdf: FPDF, url: str) -> None:
    image = io.BytesIO()
    segno.make(url, error="m").save(image, kind="png", scale=8, border=2)
    image.seek(0)
    pdf.image(image, x=pdf.w - 60, y=pdf.h - 62, w=40, h=40)
