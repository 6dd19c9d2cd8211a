"""Pages in Ukrainian or English (Flask-Babel): the language the user chose, kept in
their session, else the one their browser prefers, else Ukrainian."""

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


def install(app: Flask) -> None:
    Babel(app, locale_selector=chosen_language, default_translation_directories="translations")
    app.jinja_env.globals["current_language"] = chosen_language
