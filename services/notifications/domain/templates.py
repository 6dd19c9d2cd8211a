"""Message templates. Every text is discreet: it never names trafficking, exploitation
or the programme's purpose, so a message seen by someone else reveals nothing."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_LANGUAGE = "en"

WELCOME = "welcome"

TEMPLATES: dict[str, dict[str, str]] = {
    WELCOME: {
        "en": "Hello! You are now registered. We will send you updates here. "
              "Reply STOP to stop these messages.",
        "uk": "Вітаємо! Вас зареєстровано. Ми надсилатимемо вам новини сюди. "
              "Надішліть STOP, щоб відмовитися від повідомлень.",
        "ru": "Здравствуйте! Вы зарегистрированы. Мы будем присылать вам новости сюда. "
              "Отправьте STOP, чтобы отказаться от сообщений.",
    },
}


@dataclass(frozen=True)
class Message:
    """A template rendered: its text, and the language it is in."""

    template: str
    language: str
    body: str


def render(template: str, language: str) -> Message:
    """``template`` in ``language``, or in the default language when it has no text in it."""
    texts = TEMPLATES[template]
    used = language if language in texts else DEFAULT_LANGUAGE
    return Message(template, used, texts[used])
