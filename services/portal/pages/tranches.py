"""Finance officers' pages: tranches ready for release with their conditions met or
not, release after a confirmation step, payment confirmed with the bank's reference,
and each envelope's burn in both currencies.

The confirmation page carries a release key made when it is shown; grants releases a
tranche once per key and once at all, so a double click, a resent form or two officers
at once pay once.
"""

from __future__ import annotations

import uuid
from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.portal.adapters.http import ApiError
from services.portal.domain import release
from services.portal.domain.sections import TRANCHES
from services.portal.pages import apis, requires
from services.portal.web.session import current_user

blp = Blueprint("tranches", __name__, url_prefix="/payments")


@blp.route("")
@requires(TRANCHES)
def index():
    services, officer = apis(), current_user().user
    active = services.grants.grants("active")
    return render_template("tranches/index.html", ready=release.for_release(officer, active),
                           awaiting=release.awaiting_payment(active),
                           programmes=services.grants.programmes(), today=date.today().isoformat())


def _found(grant_id: str, tranche_id: str) -> release.TrancheView:
    grant = apis().grants.grant(grant_id)
    tranche = next((t for t in grant["tranches"] if t["id"] == tranche_id), None)
    if tranche is None:
        abort(404)
    return release.TrancheView(grant, tranche, release.conditions(current_user().user, grant, tranche))


@blp.route("/grants/<uuid:grant_id>/tranches/<uuid:tranche_id>/release", methods=["GET", "POST"])
@requires(TRANCHES)
def release_tranche(grant_id, tranche_id):
    view = _found(str(grant_id), str(tranche_id))
    if request.method == "GET":
        return render_template("tranches/release.html", view=view, key=str(uuid.uuid4()), error=None)
    key = request.form.get("release_key", "")
    invoice = request.form.get("invoice_reference", "").strip() or None
    try:
        apis().grants.release(str(tranche_id), key, invoice)
    except ApiError as refused:
        if refused.status not in (400, 409, 422):
            raise
        return render_template("tranches/release.html", view=view, key=key,
                               error=refused.message), refused.status
    flash(_("Tranche %(sequence)s released for payment.", sequence=view.tranche["sequence"]), "success")
    return redirect(url_for("tranches.index"))


@blp.route("/tranches/<uuid:tranche_id>/payment", methods=["POST"])
@requires(TRANCHES)
def confirm_payment(tranche_id):
    reference = request.form.get("bank_reference", "").strip()
    paid_on = request.form.get("paid_on", "").strip()
    try:
        apis().grants.confirm_payment(str(tranche_id), reference, paid_on)
    except ApiError as refused:
        if refused.status not in (409, 422):
            raise
        flash(_("The payment was not confirmed: %(why)s", why=refused.message or
                "; ".join(m for ms in refused.errors.values() if isinstance(ms, list) for m in ms)), "error")
    else:
        flash(_("Payment confirmed."), "success")
    return redirect(url_for("tranches.index"))
