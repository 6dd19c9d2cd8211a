"""Pages in Ukrainian or English (Flask-Babel). The language is chosen per user: a
user's choice (made while signed in, or on the sign-in page just before) is kept for them
(``adapters.preferences``, by their subject) and put in their session when they sign
in, on any browser. Without a choice: the identity provider's ``locale`` for the user,
else the language this browser's session holds, else the browser's preferred language,
else Ukrainian."""

from __future__ import annotations

from flask import Flask, request, session
from flask_babel import Babel

LANGUAGES = ("uk", "en")
DEFAULT = "uk"


def chosen_language() -> str:
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT


def one_of_ours(locale: str | None) -> str | None:
    """A locale such as ``en-GB`` as one of the portal's languages, or None."""
    language = (locale or "")[:2].lower()
    return language if language in LANGUAGES else None


def install(app: Flask) -> None:
    Babel(app, locale_selector=chosen_language, default_translation_directories="translations")
    app.jinja_env.globals["current_language"] = chosen_language
