"""Trainers' pages: their cohorts, a cohort's roster and sessions, a whole session's
attendance on one screen (radio buttons, usable on a phone), completion, and the
certificates of those who completed.

Trainers see people by their opaque id only. A completion's certificate code is shown
with where it verifies, and its certificate is downloaded from the roster: training
prints it with the name intake gives, at that moment, to the trainers of the cohort
alone (an audited read); the name is on the PDF only, never on a page.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.portal.adapters.http import ApiError
from services.portal.domain import attendance
from services.portal.domain.sections import COHORTS
from services.portal.pages import apis, portal, requires, sent_as_file

blp = Blueprint("cohorts", __name__, url_prefix="/cohorts")


@blp.route("")
@requires(COHORTS)
def index():
    services = apis()
    courses = {course["id"]: course for course in services.training.courses()}
    return render_template("cohorts/index.html", cohorts=services.training.cohorts(), courses=courses)


@blp.route("/<uuid:cohort_id>")
@requires(COHORTS)
def cohort(cohort_id):
    services = apis()
    found = services.training.cohort(str(cohort_id))
    return render_template("cohorts/cohort.html", cohort=found,
                           course=services.training.course(found["course_id"]),
                           roster=services.training.roster(str(cohort_id)),
                           verify_url=portal().config.service_urls["training"] + "/certificates/")


@blp.route("/<uuid:cohort_id>/sessions/<uuid:session_id>/attendance", methods=["GET", "POST"])
@requires(COHORTS)
def session_attendance(cohort_id, session_id):
    services, cohort_id, session_id = apis(), str(cohort_id), str(session_id)
    found = services.training.cohort(cohort_id)
    held = next((s for s in found["sessions"] if s["id"] == session_id), None)
    lines = attendance.sheet(services.training.roster(cohort_id),
                             services.training.attendance(cohort_id, session_id))
    if request.method == "GET":
        return _sheet(found, held, lines, {})
    marks, missing = attendance.marks_from(request.form, lines)
    if missing:
        return _sheet(found, held, lines, request.form, {"missing": missing}), 422
    try:
        services.training.take_attendance(cohort_id, session_id, marks)
    except ApiError as refused:
        if refused.status not in (409, 422):
            raise
        return _sheet(found, held, lines, request.form, {"refused": refused.message}), refused.status
    flash(_("Attendance saved for %(count)s people.", count=len(marks)), "success")
    return redirect(url_for("cohorts.cohort", cohort_id=cohort_id))


def _sheet(cohort, held, lines, form, problems=None):
    """The sheet, with what went wrong: ``missing`` marks, or the service's refusal."""
    problems = problems or {}
    return render_template("cohorts/attendance.html", cohort=cohort, held=held, lines=lines,
                           form=form, missing=set(problems.get("missing", ())),
                           refused=problems.get("refused"), marks=attendance.MARKS,
                           prefix=attendance.FIELD_PREFIX)


@blp.route("/<uuid:cohort_id>/enrolments/<uuid:enrolment_id>/completion", methods=["POST"])
@requires(COHORTS)
def complete(cohort_id, enrolment_id):
    score = request.form.get("assessment_score", "").strip()
    try:
        done = apis().training.complete(str(enrolment_id), int(score) if score.isdigit() else None)
    except ApiError as refused:
        if refused.status not in (409, 422):
            raise
        flash(_("Not completed: %(why)s", why=_unmet(refused)), "error")
    else:
        flash(_("Completed. Certificate code %(code)s.", code=done["certificate_code"]), "success")
    return redirect(url_for("cohorts.cohort", cohort_id=cohort_id))


@blp.route("/<uuid:cohort_id>/enrolments/<uuid:enrolment_id>/certificate.pdf")
@requires(COHORTS)
def certificate(cohort_id, enrolment_id):
    """A completed enrolment's certificate, in the beneficiary's language (training
    refuses a cohort the trainer does not teach)."""
    pdf = apis().training.certificate(str(enrolment_id), request.args.get("language"))
    return sent_as_file(pdf, "certificate.pdf", inline=True)


def _unmet(refused: ApiError) -> str:
    parts = [message for messages in refused.errors.values() if isinstance(messages, list)
             for message in messages if isinstance(message, str)]
    return "; ".join(parts) or refused.message
