"""The admin API's use cases: every template with its SMS size, an edit (checked, kept
with its history), and a preview with sample data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from services.notifications.adapters import templates
from services.notifications.domain import kinds
from services.notifications.domain.deny_list import LANGUAGES
from services.notifications.domain.errors import NotFound
from services.notifications.domain.rendering import check_template, render
from services.notifications.domain.sms_text import size_of
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.notifications.bootstrap import Notifications


@retried_once
def template_list(notifications: Notifications) -> list[dict]:
    """Every kind in every language, as it stands (saved, or built in), with the size of
    its SMS when filled with sample data."""
    with notifications.reading() as session:
        saved = templates.every(session)
    return [_shown(notifications, saved.get((kind, language)) or templates.built_in(kind, language))
            for kind in kinds.KINDS for language in LANGUAGES]


@retried_once
def template(notifications: Notifications, kind: str, language: str) -> dict:
    _known(kind, language)
    with notifications.reading() as session:
        return _shown(notifications, templates.current(session, kind, language))


@retried_once
def save_template(notifications: Notifications, kind: str, language: str, text: dict,
                  user: str) -> dict:
    """A new version, refused (``TemplateRefused``) if it would not render, names a
    denied word, or uses the given name without being marked personal (or being personal
    has no fallback)."""
    _known(kind, language)
    check_template(kind, language, text)
    with notifications.unit_of_work() as work:
        return _shown(notifications, templates.save(work.session, kind, language, text, user))


@retried_once
def template_history(notifications: Notifications, kind: str, language: str) -> list[dict]:
    _known(kind, language)
    with notifications.reading() as session:
        return templates.history(session, kind, language)


@retried_once
def preview(notifications: Notifications, kind: str, language: str, text: dict | None) -> dict:
    """``text`` (or the template as it stands) filled with the kind's sample data: what
    the person would read, and what the SMS costs."""
    _known(kind, language)
    if text is None:
        with notifications.reading() as session:
            text = templates.current(session, kind, language)
    check_template(kind, language, text)
    return _filled(notifications, kind, language, text)


def _shown(notifications: Notifications, row: dict) -> dict:
    return {**row, **{k: v for k, v in _filled(notifications, row["kind"], row["language"], row).items()
                      if k == "sms"}}


def _filled(notifications: Notifications, kind: str, language: str, text: dict) -> dict:
    """Filled with samples (a personal body with a sample given name, its fallback
    without); the SMS's size is the body's."""
    zone, samples = notifications.config.time_zone, kinds.SAMPLES[kind]
    body = render(text["body"], language, kinds.samples(kind, text["personal"]), zone)
    size = size_of(body)
    fallback = render(text["fallback"], language, samples, zone) if text["personal"] else None
    return {"kind": kind, "language": language, "personal": text["personal"],
            "subject": render(text["subject"], language, samples, zone), "body": body,
            "fallback": fallback,
            "sms": {"length": size.length, "encoding": size.encoding, "segments": size.segments}}


def _known(kind: str, language: str) -> None:
    if kind not in kinds.SAMPLES or language not in LANGUAGES:
        raise NotFound("template")
