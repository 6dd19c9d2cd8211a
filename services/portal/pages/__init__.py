"""The portal's pages, one module per area of work. A view checks the section, calls the
services through the signed-in user's ``apis()``, and renders a template; it keeps
nothing between requests but what the session holds."""

from __future__ import annotations

from functools import wraps
from typing import cast

from flask import Response, abort, current_app, flash, g, redirect, request, url_for
from flask_babel import gettext as _

from services.portal.adapters.http import Download
from services.portal.bootstrap import Apis, Portal
from services.portal.domain.sections import Section
from services.portal.web.session import current_user

EXTENSION = "vidnova_portal"


def portal() -> Portal:
    return cast(Portal, current_app.extensions[EXTENSION])


def apis() -> Apis:
    """The services' APIs, called as the signed-in user."""
    user = current_user()
    tokens = portal().tokens
    return portal().apis(lambda: tokens.for_user(user.user, user.roles, user.access_token))


def requires(section: Section):
    """The view is for signed-in users with one of the section's roles: others are sent
    to sign in (and back here after), or refused."""
    def decorator(view):
        @wraps(view)
        def checked(*args, **kwargs):
            user = current_user()
            if user is None:
                if g.pop("timed_out", False):
                    flash(_("You were signed out after a time without activity. "
                            "Please sign in again."), "info")
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            if not user.roles & set(section.roles):
                abort(403)
            return view(*args, **kwargs)
        return checked
    return decorator


def sent_as_file(download: Download, default_name: str, inline: bool = False) -> Response:
    """A service's file handed to the browser under a name of the portal's choosing."""
    disposition = "inline" if inline else "attachment"
    return Response(download.content, mimetype=download.media_type.split(";")[0], headers={
        "Content-Disposition": f'{disposition}; filename="{download.filename or default_name}"'})


def field_errors(errors: dict, prefix: str = "") -> dict[str, list[str]]:
    """A service's nested validation errors flattened to ``a.b.c`` paths, each with its
    messages, so each is shown beside the field of that name."""
    flat: dict[str, list[str]] = {}
    for key, value in errors.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            flat.update(field_errors(value, path))
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            flat[path] = value
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    flat.update(field_errors(item, f"{path}.{index}"))
        else:
            flat[path] = [str(value)]
    return flat
