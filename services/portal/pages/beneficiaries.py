"""Caseworkers' pages: register a beneficiary, find one, open their record (the reason
is asked first, and intake audits the read with it), change consent, and see their
enrolments, applications and messages.

Names and other personal data travel in POST bodies only, never in a URL (which
browsers keep in their history and proxies in their logs); the record is shown in the
answer to the reason's form and kept nowhere.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.portal.adapters.http import ApiError
from services.portal.domain import registration
from services.portal.domain.search import read_query
from services.portal.domain.sections import BENEFICIARIES
from services.portal.pages import apis, field_errors, requires, sent_as_file

blp = Blueprint("beneficiaries", __name__, url_prefix="/beneficiaries")


@blp.route("", methods=["GET", "POST"])
@requires(BENEFICIARIES)
def search():
    if request.method == "GET":
        return render_template("beneficiaries/search.html", values={}, errors={})
    query, reason = read_query(request.form), request.form.get("reason", "").strip()
    values = {**request.form}
    if query.empty:
        needed = _("Give a code, a name, a birthdate or a phone number.")
        return render_template("beneficiaries/search.html", values=values,
                               errors={"code": [needed]}), 422
    try:
        found = apis().intake.search(query.as_params(), reason)
    except ApiError as refused:
        if refused.status != 422:
            raise
        return render_template("beneficiaries/search.html", values=values,
                               errors=field_errors(refused.errors)), 422
    return render_template("beneficiaries/search.html", values=values, errors={}, found=found)


@blp.route("/new", methods=["GET", "POST"])
@requires(BENEFICIARIES)
def register():
    choices = _choices()
    if request.method == "GET":
        return render_template("beneficiaries/register.html", values={"preferred_language": "uk",
                               "person.mailing_address.country": "UA"}, errors={},
                               consented=["case_management"], **choices)
    form = request.form
    consented = form.getlist("consent")
    body = registration.registration_body(form, {name: form.getlist(name) for name in
                                                 registration.LIST_FIELDS},
                                          consented, override=form.get("override") == "yes")
    try:
        created = apis().intake.register(body)
    except ApiError as refused:
        if refused.status not in (409, 422):
            raise
        candidates = refused.errors.get("candidates") if refused.status == 409 else None
        lists = {name: form.getlist(name) for name in registration.LIST_FIELDS}
        page = render_template("beneficiaries/register.html", values=form,
                               errors=field_errors(refused.errors), candidates=candidates,
                               consented=consented, message=refused.message,
                               **{**choices, "lists": lists})
        return page, refused.status
    flash(_("Registered under the code %(code)s.", code=created["code"]), "success")
    return redirect(url_for("beneficiaries.record", beneficiary_id=created["id"]))


def _choices() -> dict:
    return {"genders": registration.GENDER_CHOICES, "statuses": registration.TRAFFICKING_STATUSES,
            "exploitation": registration.EXPLOITATION_TYPES, "nrm_statuses": registration.NRM_STATUSES,
            "languages": registration.LANGUAGES, "purposes": registration.CONSENT_PURPOSES,
            "methods": registration.CONSENT_METHODS, "lists": {},
            "shown_fields": (*registration.TEXT_FIELDS, *registration.LIST_FIELDS, "consents")}


@blp.route("/<uuid:beneficiary_id>", methods=["GET", "POST"])
@requires(BENEFICIARIES)
def record(beneficiary_id):
    """GET asks why the record is opened; POST, with the reason, reads it (audited)."""
    beneficiary_id = str(beneficiary_id)
    if request.method == "GET":
        return render_template("beneficiaries/reason.html", beneficiary_id=beneficiary_id, errors={})
    reason = request.form.get("reason", "").strip()
    services = apis()
    try:
        person = services.intake.read(beneficiary_id, reason)
    except ApiError as refused:
        if refused.status != 422:
            raise
        return render_template("beneficiaries/reason.html", beneficiary_id=beneficiary_id,
                               errors=field_errors(refused.errors)), 422
    return render_template(
        "beneficiaries/record.html", person=person, reason=reason,
        consents=services.intake.consents(beneficiary_id),
        enrolments=services.training.enrolments_of(beneficiary_id),
        cohorts=_open_cohorts(services),
        applications=[a for a in services.grants.applications() if a["beneficiary_id"] == beneficiary_id],
        messages=services.notifications.messages_of(beneficiary_id),
        purposes=registration.CONSENT_PURPOSES, methods=registration.CONSENT_METHODS)


def _open_cohorts(services) -> list[dict]:
    return [c for c in services.training.cohorts() if c["status"] in ("open", "running")]


@blp.route("/<uuid:beneficiary_id>/consents", methods=["POST"])
@requires(BENEFICIARIES)
def change_consent(beneficiary_id):
    change = {"purpose": request.form.get("purpose", ""), "granted": request.form.get("granted") == "yes",
              "method": request.form.get("method", "")}
    try:
        apis().intake.change_consent(str(beneficiary_id), change)
    except ApiError as refused:
        if refused.status != 422:
            raise
        flash(_("The consent was not changed: %(why)s", why=refused.message), "error")
        return redirect(url_for("beneficiaries.record", beneficiary_id=beneficiary_id))
    flash(_("Consent recorded. Give the reason again to see the record."), "success")
    return redirect(url_for("beneficiaries.record", beneficiary_id=beneficiary_id))


@blp.route("/<uuid:beneficiary_id>/enrolments", methods=["POST"])
@requires(BENEFICIARIES)
def enrol(beneficiary_id):
    try:
        placed = apis().training.enrol(request.form.get("cohort_id", ""), str(beneficiary_id))
    except ApiError as refused:
        if refused.status not in (404, 409, 422):
            raise
        flash(_("Not enrolled: %(why)s", why=refused.message), "error")
    else:
        flash(_("Enrolled.") if placed["status"] == "enrolled" else
              _("Waitlisted, number %(position)s in line.", position=placed.get("position")), "success")
    return redirect(url_for("beneficiaries.record", beneficiary_id=beneficiary_id))


@blp.route("/enrolments/<uuid:enrolment_id>/certificate.pdf")
@requires(BENEFICIARIES)
def certificate(enrolment_id):
    """The certificate, with the name intake gives now (intake audits that read)."""
    pdf = apis().training.certificate(str(enrolment_id), request.args.get("language"))
    return sent_as_file(pdf, "certificate.pdf", inline=True)
