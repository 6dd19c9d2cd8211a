"""The words that stop SMS: an inbound "STOP" in any of the programme's languages, in
any case, with stray spaces around or between its words."""

from __future__ import annotations

import re

STOP_WORDS = frozenset({"stop", "stop all", "стоп", "відписатися", "отписаться"})


def is_opt_out(text: str | None) -> bool:
    if not text:
        return False
    return re.sub(r"\s+", " ", text).strip().casefold() in STOP_WORDS


def e164(number: str) -> str | None:
    """An inbound sender as the contact event writes numbers (``+380671112233``): Kannel
    passes it as the network gave it, with or without ``+`` or ``00``. None when it is
    no international number."""
    digits = re.sub(r"[^0-9]", "", number or "")
    if (number or "").strip().startswith("00") or digits.startswith("00"):
        digits = digits[2:]
    if not 7 <= len(digits) <= 15 or digits.startswith("0"):
        return None
    return "+" + digits
