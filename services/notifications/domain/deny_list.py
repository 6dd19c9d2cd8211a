"""Words no message may carry: a survivor's phone may be seen by others, so a text must
never name trafficking, exploitation, victims or survivors, the programme's purpose or
the organisations known for it.

Each language has its own list, as regular expressions over whole words, so inflected
forms are caught (``жертв\\w*`` is жертва, жертви, жертвам ...); phrases whose words are
harmless alone (торгівля — trade — is a course's subject) are listed as phrases. Latin
terms (IOM) are checked in every language, since a Ukrainian text can carry them too.
"""

from __future__ import annotations

import re

_EN = [r"traffick\w*", r"exploit\w*", r"victim\w*", r"survivor\w*", r"iom", r"unodc",
       r"slave\w*", r"forced\s+(?:labou?r|prostitution|marriage)", r"prostitut\w*",
       r"smuggl\w*", r"counter-traffick\w*", r"la\s+strada", r"rehabilitat\w*", r"abuse\w*"]
_UK = [r"торгівл\w*\s+люд\w*", r"торг\w*\s+людьми", r"трафікінг\w*", r"експлуатац\w*",
       r"експлуат\w*", r"жертв\w*", r"постражд\w*", r"вцілі\w*", r"мом", r"рабств\w*",
       r"невільн\w*", r"проститу\w*", r"сексуальн\w*", r"примусов\w*\s+прац\w*",
       r"реабілітац\w*", r"насильств\w*", r"ла\s+страда"]
_RU = [r"торговл\w*\s+люд\w*", r"трафикинг\w*", r"эксплуатац\w*", r"эксплуатир\w*",
       r"жертв\w*", r"пострадавш\w*", r"выживш\w*", r"мом", r"рабств\w*", r"невольн\w*",
       r"проститу\w*", r"сексуальн\w*", r"принудительн\w*\s+труд\w*", r"реабилитац\w*",
       r"насили\w*", r"ла\s+страда"]

DENIED = {"en": _EN, "uk": _UK, "ru": _RU}
LANGUAGES = tuple(DENIED)


def _compiled(patterns: list[str]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.IGNORECASE)


_PATTERNS = {language: _compiled(patterns + ([] if language == "en" else _EN))
             for language, patterns in DENIED.items()}


def denied_words(text: str, language: str) -> list[str]:
    """The denied words or phrases found in ``text`` (as written there), in order;
    empty when it is discreet. A language without a list is checked against English."""
    pattern = _PATTERNS.get(language, _PATTERNS["en"])
    return [match.group(0) for match in pattern.finditer(text)]
