"""Each member of staff's chosen language, kept by their subject (the demo user's name,
or the identity provider's ``sub``), so it follows them to another browser and past a
sign-out. It is the portal's only table: the portal keeps no programme data.

A preference is a comfort, not a need: when the database cannot be reached, the
language is read as not chosen and a choice is kept in the browser's session alone; the
pages go on (the failure is logged, without the subject).
"""

from __future__ import annotations

import logging

from sqlalchemy import Column, MetaData, String, Table, select
from sqlalchemy.exc import SQLAlchemyError

from shared.clock import utcnow
from shared.db import Database, UTCDateTime, insert_or_update

log = logging.getLogger("vidnova.portal.preferences")
metadata = MetaData()

staff_languages = Table(
    "staff_languages", metadata,
    Column("subject", String(255), primary_key=True),
    Column("language", String(8), nullable=False),
    Column("chosen_at", UTCDateTime(), nullable=False),
)


class Preferences:
    def __init__(self, database: Database):
        self.database = database

    def language_of(self, subject: str) -> str | None:
        """The language ``subject`` chose last, or None (never chose, or not readable now)."""
        try:
            with self.database.reading() as session:
                return session.execute(select(staff_languages.c.language)
                                       .where(staff_languages.c.subject == subject)).scalar()
        except SQLAlchemyError:
            log.warning("preferences unreadable: the session's language is used")
            return None

    def choose_language(self, subject: str, language: str) -> bool:
        """``subject``'s choice kept (True), or not keepable now (False)."""
        try:
            with self.database.transaction() as session:
                statement = insert_or_update(session, staff_languages).values(
                    subject=subject, language=language, chosen_at=utcnow())
                session.execute(statement.on_conflict_do_update(
                    index_elements=[staff_languages.c.subject],
                    set_={"language": statement.excluded.language,
                          "chosen_at": statement.excluded.chosen_at}))
            return True
        except SQLAlchemyError:
            log.warning("preferences unwritable: the language is kept in the session only")
            return False
