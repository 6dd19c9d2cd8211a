"""Certificates of completion: their verification code and their words in each language.

The code is what a reader checks at ``GET /certificates/<code>``: 12 characters of
Crockford's base32 (no I, L, O or U to misread), 60 random bits, so guessing one is
hopeless. The words never name the programme's purpose: a survivor shows this paper to
employers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
CODE_BYTES = 8
CODE_PATTERN = r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$"
LANGUAGES = ("uk", "en")
FALLBACK_LANGUAGE = "en"


def code_from(random_bytes: bytes) -> str:
    """A verification code from at least 8 random bytes: three groups of four characters
    of the code alphabet, joined by hyphens."""
    if len(random_bytes) < CODE_BYTES:
        raise ValueError("a certificate code needs at least 8 random bytes")
    number = int.from_bytes(random_bytes[:CODE_BYTES], "big")
    characters = "".join(_ALPHABET[(number >> (5 * n)) & 31] for n in range(CODE_LENGTH))
    return "-".join(characters[n:n + 4] for n in range(0, CODE_LENGTH, 4))


def normalised(code: str) -> str:
    """A code as a reader may type it (lower case, O for 0, I or L for 1) in its one form."""
    table = str.maketrans({"O": "0", "I": "1", "L": "1"})
    raw = code.upper().replace("-", "").replace(" ", "").translate(table)
    return "-".join(raw[n:n + 4] for n in range(0, len(raw), 4))


def language_for(preferred: str | None) -> str:
    """The beneficiary's language when a certificate is written in it, else English."""
    return preferred if preferred in LANGUAGES else FALLBACK_LANGUAGE


@dataclass(frozen=True)
class Wording:
    title: str
    certifies: str
    completed: str
    hours: str
    dates: str
    provider: str
    programme: str
    code: str
    verify: str
    month_names: tuple[str, ...] = ()

    def day(self, value: date) -> str:
        if self.month_names:
            return f"{value.day} {self.month_names[value.month - 1]} {value.year}"
        return value.strftime("%d.%m.%Y")


WORDING = {
    "uk": Wording(
        title="СЕРТИФІКАТ", certifies="Цим засвідчується, що",
        completed="успішно завершив(-ла) навчальний курс", hours="Обсяг: {hours} год.",
        dates="з {start} по {end}", provider="Провайдер навчання: {provider}",
        programme="Програма: {programme}", code="Код перевірки: {code}",
        verify="Справжність сертифіката можна перевірити за адресою {url}"),
    "en": Wording(
        title="CERTIFICATE OF COMPLETION", certifies="This is to certify that",
        completed="has successfully completed the course", hours="Duration: {hours} hours",
        dates="from {start} to {end}", provider="Training provider: {provider}",
        programme="Programme: {programme}", code="Verification code: {code}",
        verify="Check that this certificate is genuine at {url}",
        month_names=("January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December")),
}
