"""Templates rendered in Jinja2's sandbox, with Babel for dates, times and money.

The sandbox, because administrators write templates through an API: a template may
not reach into Python objects. Dates and times are shown in the beneficiary's time zone
and language; money in the language's format with its currency (Decimal, never float).
A template is checked when saved: it must parse, use only its kind's variables, and name
no denied word (``deny_list``), so a refused text never reaches anyone. Only a template
marked personal may greet the person by their given name, in its body, and it declares
a fallback body for whoever did not consent to be named (``check_template``).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.numbers import format_currency
from jinja2 import StrictUndefined, Template, TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from services.notifications.domain import deny_list, kinds
from services.notifications.domain.errors import TemplateRefused


def _environment(language: str, zone: ZoneInfo) -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)

    def local(value):
        return value.astimezone(zone) if isinstance(value, datetime) else value

    env.filters["date"] = lambda value: format_date(local(value), "long", locale=language)
    env.filters["time"] = lambda value: format_time(local(value), "short", locale=language)
    env.filters["money"] = lambda amount, currency: format_currency(
        Decimal(str(amount)), currency, locale=language)
    return env


_CHECKING = _environment("en", ZoneInfo("UTC"))


def check(kind: str, language: str, *texts: str, personal: bool = False) -> None:
    """Refuse a template that would not render or is not discreet (``TemplateRefused``
    naming why: its syntax, a variable its kind has not, or the denied words). Only a
    ``personal`` text may use the given name."""
    if kind not in kinds.SAMPLES:
        raise TemplateRefused({"kind": [f"unknown kind of message: {kind}"]})
    if language not in deny_list.LANGUAGES:
        raise TemplateRefused({"language": [f"one of {', '.join(deny_list.LANGUAGES)}"]})
    errors: dict[str, list[str]] = {}
    for text in texts:
        _check_one(kind, language, text, personal, errors)
    if errors:
        raise TemplateRefused(errors)


def check_template(kind: str, language: str, template: dict) -> None:
    """``check`` a whole template: a subject (never naming the person), a body, and, for a
    template marked personal, the fallback body said to whoever may not be named (no
    consent, or no name known), which must not name them either."""
    errors: dict[str, list[str]] = {}
    for problems in (_problems(kind, language, template["subject"]),
                     _problems(kind, language, template["body"], personal=template["personal"]),
                     _fallback_problems(kind, language, template)):
        for field, found in problems.items():
            errors.setdefault(field, []).extend(f for f in found if f not in errors.get(field, []))
    if errors:
        raise TemplateRefused(errors)


def _fallback_problems(kind: str, language: str, template: dict) -> dict:
    fallback = template.get("fallback")
    if not template["personal"]:
        return {"fallback": ["only a template marked personal has a fallback"]} if fallback else {}
    if not fallback:
        return {"fallback": [f"a personal template needs a fallback body without {kinds.GIVEN_NAME}, "
                             "for whoever did not consent to be named"]}
    return _problems(kind, language, fallback)


def _problems(kind: str, language: str, text: str, personal: bool = False) -> dict:
    try:
        check(kind, language, text, personal=personal)
    except TemplateRefused as refused:
        return refused.errors
    return {}


def _check_one(kind: str, language: str, text: str, personal: bool, errors: dict) -> None:
    try:
        used = meta.find_undeclared_variables(_CHECKING.parse(text))
    except TemplateSyntaxError as err:
        errors.setdefault("syntax", []).append(f"line {err.lineno}: {err.message}")
        return
    allowed = kinds.allowed_variables(kind) | ({kinds.GIVEN_NAME} if personal else set())
    stray = sorted(used - allowed)
    if kinds.GIVEN_NAME in stray:
        errors.setdefault("variables", []).append(
            f"{kinds.GIVEN_NAME}: only the body of a template marked personal may name the person")
    others = [name for name in stray if name != kinds.GIVEN_NAME]
    if others:
        errors.setdefault("variables", []).append(f"not available to {kind}: {', '.join(others)}")
    if not stray:
        _renders(kind, language, text, personal, errors)
    denied = deny_list.denied_words(text, language)
    if denied:
        errors.setdefault("denied_words", []).extend(denied)


def _renders(kind: str, language: str, text: str, personal: bool, errors: dict) -> None:
    """Filled with the kind's samples, the text must render: the sandbox refuses reaching
    into Python objects only when it runs."""
    try:
        render(text, language, kinds.samples(kind, personal), "UTC")
    except Exception as err:  # whatever an administrator's text does wrong is a refusal
        errors.setdefault("render", []).append(type(err).__name__)


def render(text: str, language: str, variables: dict, zone: str) -> str:
    """``text`` filled with ``variables`` for a reader of ``language`` in ``zone``."""
    return _compiled(text, language, zone).render(**variables)


@lru_cache(maxsize=512)
def _compiled(text: str, language: str, zone: str) -> Template:
    """A text compiled once for a language and zone: a sending round renders the same
    few texts over and over, and compiling one costs far more than filling it in. Keyed
    by the text itself, so a template saved anew is compiled anew."""
    return _environment(language, ZoneInfo(zone)).from_string(text)


def coerce(variables: dict) -> dict:
    """Variables as stored (JSON: ISO strings, decimal strings) back to their types."""
    typed = {}
    for name, value in variables.items():
        if name in ("starts_at",):
            value = datetime.fromisoformat(value)
        elif name in ("paid_on",):
            value = date.fromisoformat(value)
        elif name == "amount":
            value = Decimal(value)
        typed[name] = value
    return typed


def stored(variables: dict) -> dict:
    """Variables as JSON keeps them: instants and dates in ISO, amounts as strings."""
    return {name: value.isoformat() if isinstance(value, (date, datetime))
            else str(value) if isinstance(value, Decimal) else value
            for name, value in variables.items()}
