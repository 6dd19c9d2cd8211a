"""Templates rendered in Jinja2's sandbox, with Babel for dates, times and money.

The sandbox, because administrators write templates through an API: a template may
not reach into Python objects. Dates and times are shown in the beneficiary's time zone
and language; money in the language's format with its currency (Decimal, never float).
A template is checked when saved: it must parse, use only its kind's variables, and name
no denied word (``deny_list``), so a refused text never reaches anyone.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from babel.numbers import format_currency
from jinja2 import StrictUndefined, TemplateSyntaxError, meta
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


def check(kind: str, language: str, *texts: str) -> None:
    """Refuse a template that would not render or is not discreet (``TemplateRefused``
    naming why: its syntax, a variable its kind has not, or the denied words)."""
    if kind not in kinds.SAMPLES:
        raise TemplateRefused({"kind": [f"unknown kind of message: {kind}"]})
    if language not in deny_list.LANGUAGES:
        raise TemplateRefused({"language": [f"one of {', '.join(deny_list.LANGUAGES)}"]})
    errors: dict[str, list[str]] = {}
    for text in texts:
        try:
            used = meta.find_undeclared_variables(_CHECKING.parse(text))
        except TemplateSyntaxError as err:
            errors.setdefault("syntax", []).append(f"line {err.lineno}: {err.message}")
            continue
        stray = sorted(used - kinds.allowed_variables(kind))
        if stray:
            errors.setdefault("variables", []).append(
                f"not available to {kind}: {', '.join(stray)}")
        else:
            _renders(kind, language, text, errors)
        denied = deny_list.denied_words(text, language)
        if denied:
            errors.setdefault("denied_words", []).extend(denied)
    if errors:
        raise TemplateRefused(errors)


def _renders(kind: str, language: str, text: str, errors: dict) -> None:
    """Filled with the kind's samples, the text must render: the sandbox refuses reaching
    into Python objects only when it runs."""
    try:
        render(text, language, kinds.SAMPLES[kind], "UTC")
    except Exception as err:  # whatever an administrator's text does wrong is a refusal
        errors.setdefault("render", []).append(type(err).__name__)


def render(text: str, language: str, variables: dict, zone: str) -> str:
    """``text`` filled with ``variables`` for a reader of ``language`` in ``zone``."""
    return _environment(language, ZoneInfo(zone)).from_string(text).render(**variables)


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
