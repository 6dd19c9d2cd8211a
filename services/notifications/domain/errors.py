"""Notifications' domain errors; ``app.py`` maps each to its HTTP status."""

from __future__ import annotations


class NotificationsError(Exception):
    """A rule refused the request."""

    errors: dict | None = None


class NotFound(NotificationsError):
    def __init__(self, what: str):
        super().__init__(f"no such {what}")


class TemplateRefused(NotificationsError):
    """A template that would not render, or would not be discreet."""

    def __init__(self, errors: dict):
        super().__init__("the template is refused: " + "; ".join(sorted(errors)))
        self.errors = errors


class NotAuthenticated(NotificationsError):
    """A gateway's callback without the token it must carry."""

    def __init__(self):
        super().__init__("the callback's token is not valid")
