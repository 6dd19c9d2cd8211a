"""Templates as administrators saved them, with every version kept; where none was
saved, the built-in text (version 0) stands."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from services.notifications.adapters.tables import template_history, templates
from services.notifications.domain.default_texts import SUBJECTS, TEXTS
from shared.clock import utcnow

BUILT_IN = "built-in"


def built_in(kind: str, language: str) -> dict:
    return {"kind": kind, "language": language, "subject": SUBJECTS[language],
            "body": TEXTS[kind][language], "personal": False, "fallback": None,
            "version": 0, "changed_by": BUILT_IN,
            "changed_at": None}


def current(session: Session, kind: str, language: str) -> dict:
    row = session.execute(select(templates).where(
        templates.c.kind == kind, templates.c.language == language)).mappings().first()
    return dict(row) if row else built_in(kind, language)


def every(session: Session) -> dict[tuple[str, str], dict]:
    """Every saved template, by (kind, language)."""
    return {(row["kind"], row["language"]): dict(row)
            for row in session.execute(select(templates)).mappings()}


def save(session: Session, kind: str, language: str, text: dict, user: str) -> dict:
    """A new version of the template (the row locked, so two editors cannot both make
    the same version: the second gets the next)."""
    found = session.execute(select(templates).where(
        templates.c.kind == kind, templates.c.language == language).with_for_update()).mappings().first()
    row = {"kind": kind, "language": language, "subject": text["subject"], "body": text["body"],
           "personal": text["personal"], "fallback": text["fallback"] if text["personal"] else None,
           "version": (found["version"] if found else 0) + 1, "changed_by": user,
           "changed_at": utcnow()}
    if found:
        session.execute(update(templates).where(templates.c.kind == kind,
                                                templates.c.language == language).values(row))
    else:
        session.execute(templates.insert().values(row))
    session.execute(template_history.insert().values(row))
    return row


def history(session: Session, kind: str, language: str) -> list[dict]:
    rows = session.execute(select(template_history).where(
        template_history.c.kind == kind, template_history.c.language == language)
        .order_by(template_history.c.version.desc())).mappings()
    return [{k: v for k, v in row.items() if k != "id"} for row in rows]
