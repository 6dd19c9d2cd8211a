"""How an SMS text travels: its encoding, length and segments (3GPP TS 23.038).

A text of GSM 03.38 characters only goes as GSM-7: 160 septets in one SMS, 153 a part
when concatenated; each character of the extension table (``{ } [ ] ~ \\ | ^ €`` and the
form feed) takes two septets. Anything else (Cyrillic) goes as UCS-2: 70 UTF-16 units in
one SMS, 67 a part. Written here because the counts decide what a message costs and
whether a text is cut, and no small library states them for both alphabets.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

GSM7, UCS2 = "GSM-7", "UCS-2"

_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
_EXTENDED = set("\f^{}\\[~]|€")

# (one SMS, one part of a concatenated SMS), in the encoding's units.
_LIMITS = {GSM7: (160, 153), UCS2: (70, 67)}


@dataclass(frozen=True)
class SmsSize:
    encoding: str
    length: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int


def encoding_of(text: str) -> str:
    return GSM7 if all(ch in _BASIC or ch in _EXTENDED for ch in text) else UCS2


def size_of(text: str) -> SmsSize:
    """The encoding, length in its units and number of SMS the text takes."""
    encoding = encoding_of(text)
    if encoding == GSM7:
        length = sum(2 if ch in _EXTENDED else 1 for ch in text)
    else:
        length = len(text.encode("utf-16-be")) // 2
    single, part = _LIMITS[encoding]
    segments = 1 if length <= single else math.ceil(length / part)
    return SmsSize(encoding, length, segments)
