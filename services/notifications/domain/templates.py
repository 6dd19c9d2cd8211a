"""Message templates. Every text is discreet: it never names trafficking, exploitation
or the programme's purpose, so a message seen by someone else reveals nothing."""

from __future__ import annotations

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


def render(template: str, language: str) -> tuple[str, str]:
    """The text of ``template`` in ``language`` (or the default), and the language used."""
    texts = TEMPLATES[template]
    used = language if language in texts else DEFAULT_LANGUAGE
    return texts[used], used
