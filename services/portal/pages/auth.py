"""Signing in and out, and choosing the language.

A failed sign-in says only that the name or the password was wrong, never which; after a
few failures with one name or from one address, each further attempt waits longer
(``domain.backoff``). With an identity provider configured, signing in is done there.
Signing in puts the user's language in the new session (``web.language``): the one
they chose on the sign-in page, if they did (then kept for them), else the one kept for
them, else the provider's ``locale``. A language chosen while signed in is kept for them.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from services.portal.adapters.oidc import SignInFailed
from services.portal.pages import portal
from services.portal.web import session as signed
from services.portal.web.language import LANGUAGES, one_of_ours
from shared.web.client_address import client_address, limit_key

blp = Blueprint("auth", __name__)
# Set when the language was chosen in this browser before signing in (not merely left by
# the previous user's session): signing in takes that choice as the user's.
CHOSEN_BEFORE_SIGN_IN = "lang_chosen"


def _safe_next(target: str | None) -> str:
    """Only a path of this site: never another host (an open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("home.index")


def _keys(name: str) -> tuple[str, str]:
    address = limit_key(client_address(request.environ, portal().settings.trusted_proxies))
    return f"name:{name.strip().casefold()}", f"address:{address}"


@blp.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if portal().oidc is not None:
        return render_template("auth/sign_in_oidc.html", next=_safe_next(request.args.get("next")))
    if request.method == "GET":
        return render_template("auth/sign_in.html", next=_safe_next(request.args.get("next")))
    name, password = request.form.get("username", ""), request.form.get("password", "")
    keys = _keys(name)
    wait = portal().backoff.wait(*keys)
    if wait:
        return render_template("auth/sign_in.html", next=_safe_next(request.form.get("next")),
                               error=_("Too many failed attempts. Wait %(seconds)s seconds, "
                                       "then try again.", seconds=wait), username=name), 429
    account = portal().demo_users.check(name.strip(), password) if name and password else None
    if account is None:
        portal().backoff.failed(*keys)
        return render_template("auth/sign_in.html", next=_safe_next(request.form.get("next")),
                               error=_("The name or the password is wrong."), username=name), 401
    portal().backoff.succeeded(*keys)
    signed.begin(signed.SignedIn(account.user, account.user, account.roles),
                 language=_language_at_sign_in(account.user))
    return redirect(_safe_next(request.form.get("next")))


@blp.route("/sign-in/provider")
def provider():
    oidc = portal().oidc
    if oidc is None:
        abort(404)
    url, pending = oidc.start(_callback_url())
    session["oidc"] = {**pending, "next": _safe_next(request.args.get("next"))}
    return redirect(url)


@blp.route("/sign-in/callback")
def callback():
    oidc = portal().oidc
    if oidc is None:
        abort(404)
    pending = session.pop("oidc", None)
    try:
        identity = oidc.finish(_callback_url(), request.url, request.args.get("state"), pending)
    except SignInFailed:
        flash(_("Signing in did not succeed. Please try again."), "error")
        return redirect(url_for("auth.sign_in"))
    roles = identity.roles
    if portal().tokens.forwards:
        # The services will read the roles from the forwarded token: the pages show
        # what the services will allow.
        try:
            roles = portal().verifier.verify(identity.access_token or "").roles
        except Exception:  # noqa: BLE001 - any unverifiable token is a failed sign-in
            flash(_("Signing in did not succeed. Please try again."), "error")
            return redirect(url_for("auth.sign_in"))
    if not roles:
        # Signed in at the provider, but with no role of Vidnova's (none mapped): no
        # session, rather than one that opens no page.
        flash(_("Your account has no role in Vidnova. Ask your administrator for one."), "error")
        return redirect(url_for("auth.sign_in"))
    language = _language_at_sign_in(identity.user, identity.locale)
    forwarded = identity.access_token if portal().tokens.forwards else None
    signed.begin(signed.SignedIn(identity.user, identity.name, roles, forwarded),
                 language=language, id_token=identity.id_token)
    return redirect(_safe_next(pending.get("next") if pending else None))


def _language_at_sign_in(user: str, locale: str | None = None) -> str | None:
    chosen = session.get("lang")
    if session.get(CHOSEN_BEFORE_SIGN_IN) and chosen in LANGUAGES:
        portal().preferences.choose_language(user, chosen)
        return chosen
    return portal().preferences.language_of(user) or one_of_ours(locale)


def _callback_url() -> str:
    return f"{portal().config.public_url}{url_for('auth.callback')}"


@blp.route("/sign-out", methods=["POST"])
def sign_out():
    """The portal's session ended and, where the identity provider offers it, the
    provider's too (it sends the browser back to the sign-in page)."""
    id_token = signed.end()
    flash(_("You are signed out."), "info")
    oidc = portal().oidc
    at_the_provider = oidc.end_session_url(
        id_token, f"{portal().config.public_url}{url_for('auth.sign_in')}") if oidc else None
    return redirect(at_the_provider or url_for("auth.sign_in"))


@blp.route("/language", methods=["POST"])
def language():
    """The language chosen: for this browser's session and, when someone is signed in,
    kept for them (their next sign-in, on any browser, opens in it)."""
    chosen = request.form.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
        user = signed.current_user()
        if user is not None:
            portal().preferences.choose_language(user.user, chosen)
        else:
            session[CHOSEN_BEFORE_SIGN_IN] = True
    return redirect(_safe_next(request.form.get("next")))
