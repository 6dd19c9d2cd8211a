"""Grant officers' pages: the queue of applications by status, a business plan with its
budget lines and documents, the scoring form, and the decision with its reason, the
four-eyes rules shown before the click."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.portal.adapters.http import ApiError
from services.portal.domain.four_eyes import decision_checks, may_score
from services.portal.domain.sections import APPLICATIONS
from services.portal.pages import apis, field_errors, requires, sent_as_file
from services.portal.web.session import current_user

blp = Blueprint("applications", __name__, url_prefix="/applications")
QUEUE_STATUSES = ("submitted", "under_review", "changes_requested", "approved", "rejected")
DECIDED_OR_CLOSED = ("approved", "rejected", "withdrawn", "draft")


@blp.route("")
@requires(APPLICATIONS)
def queue():
    status = request.args.get("status") or "submitted"
    if status not in QUEUE_STATUSES:
        status = "submitted"
    services = apis()
    return render_template("applications/queue.html", applications=services.grants.applications(status),
                           status=status, statuses=QUEUE_STATUSES)


@blp.route("/<uuid:application_id>")
@requires(APPLICATIONS)
def plan(application_id):
    return _plan(str(application_id), {}, {})


def _plan(application_id: str, review_errors: dict, decision_errors: dict, status: int = 200):
    services, officer = apis(), current_user().user
    application = services.grants.application(application_id)
    standing = services.grants.reviews(application_id)
    state = services.grants.decision(application_id)
    return render_template(
        "applications/plan.html", application=application, standing=standing, state=state,
        programme=services.grants.programme(application["programme_id"]),
        checks=decision_checks(officer, standing, state), may_score=may_score(officer, standing),
        decidable=application["status"] not in DECIDED_OR_CLOSED,
        review_errors=review_errors, decision_errors=decision_errors, form=request.form), status


@blp.route("/<uuid:application_id>/documents/<uuid:document_id>")
@requires(APPLICATIONS)
def document(application_id, document_id):
    return sent_as_file(apis().grants.document(str(application_id), str(document_id)), str(document_id))


@blp.route("/<uuid:application_id>/reviews", methods=["POST"])
@requires(APPLICATIONS)
def score(application_id):
    application_id = str(application_id)
    scores = {name.removeprefix("score-"): value.strip() for name, value in request.form.items()
              if name.startswith("score-")}
    unreadable = {f"scores.{key}": [_("Give a whole number.")] for key, value in scores.items()
                  if not value.lstrip("-").isdigit()}
    if unreadable:
        return _plan(application_id, unreadable, {}, 422)
    review = {"scores": {key: int(value) for key, value in scores.items()},
              "no_conflict_of_interest": request.form.get("no_conflict_of_interest") == "yes",
              "comment": request.form.get("comment", "").strip() or None}
    try:
        apis().grants.review(application_id, review)
    except ApiError as refused:
        if refused.status not in (409, 422):
            raise
        return _plan(application_id, {**field_errors(refused.errors), "": [refused.message]}, {},
                     refused.status)
    flash(_("Your scores are recorded."), "success")
    return redirect(url_for("applications.plan", application_id=application_id))


@blp.route("/<uuid:application_id>/decision", methods=["POST"])
@requires(APPLICATIONS)
def decide(application_id):
    application_id = str(application_id)
    decision = {"outcome": request.form.get("outcome", ""), "reason": request.form.get("reason", "").strip()}
    try:
        state = apis().grants.decide(application_id, decision)
    except ApiError as refused:
        if refused.status not in (409, 422):
            raise
        return _plan(application_id, {}, {**field_errors(refused.errors), "": [refused.message]},
                     refused.status)
    if state.get("grant_id"):
        flash(_("Approved: the grant is committed."), "success")
    elif decision["outcome"] == "approve":
        flash(_("Your approval is recorded: a second, different officer approves too."), "success")
    else:
        flash(_("Your decision is recorded."), "success")
    return redirect(url_for("applications.plan", application_id=application_id))
