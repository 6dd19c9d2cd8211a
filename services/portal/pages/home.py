"""The home page: the sections the signed-in user's roles open."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from services.portal.domain.sections import sections_for
from services.portal.web.session import current_user

blp = Blueprint("home", __name__)


@blp.route("/healthz")
@blp.route("/readyz")
def alive():
    """The portal keeps nothing to be ready with: it answers, or it does not."""
    return {"status": "ok"}


@blp.route("/")
def index():
    user = current_user()
    if user is None:
        return redirect(url_for("auth.sign_in", next=request.path))
    return render_template("home.html", sections=sections_for(user.roles))
