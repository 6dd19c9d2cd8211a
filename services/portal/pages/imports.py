"""Caseworkers' imports of the HTCDS Excel template (or its CSV export): upload, the
latest imports with their progress (the list refreshes itself while one runs, without
JavaScript), and each import's report of rejected rows: its first lines on the import's
page once the import has stopped, the whole report as CSV.

Intake reads the file in the upload's request, so the portal's request waits for it;
the file passes through the portal's memory (or a temporary file for a large one) for
that request only.
"""

from __future__ import annotations

from pathlib import PurePath

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.portal.adapters.http import ApiError
from services.portal.domain.sections import IMPORTS
from services.portal.pages import apis, requires, sent_as_file

blp = Blueprint("imports", __name__, url_prefix="/imports")
RUNNING = "running"
REPORT_LINES = 200  # shown on the page; the CSV download has them all
# What the form asks for (its input's accept=): another kind is refused here, beside the
# field, before any of it is sent to intake (which would record a failed import).
KINDS = (".xlsx", ".csv")


def _page(errors: dict, status: int = 200):
    recent = apis().intake.imports()
    return render_template("imports/index.html", imports=recent, kinds=",".join(KINDS), errors=errors,
                           running=any(item["status"] == RUNNING for item in recent)), status


@blp.route("")
@requires(IMPORTS)
def index():
    return _page({})


@blp.route("", methods=["POST"])
@requires(IMPORTS)
def upload():
    file = request.files.get("file")
    if file is None or not file.filename:
        return _page({"file": [_("Choose a file to import.")]}, 422)
    if PurePath(file.filename).suffix.lower() not in KINDS:
        return _page({"file": [_("Choose the HTCDS template (.xlsx) or its Case Sheet saved as .csv.")]},
                     422)
    try:
        done = apis().intake.upload(file.filename, file.stream, request.form.get("language") or None)
    except ApiError as refused:
        import_id = refused.errors.get("import_id")
        if import_id:
            flash(_("The import stopped: %(why)s", why=refused.message), "error")
            return redirect(url_for("imports.one", import_id=import_id))
        if refused.status not in (413, 422):
            raise
        return _page({"file": [refused.message]}, refused.status)
    return redirect(url_for("imports.one", import_id=done["id"]))


@blp.route("/<uuid:import_id>")
@requires(IMPORTS)
def one(import_id):
    intake = apis().intake
    found = intake.import_of(str(import_id))
    running = found["status"] == RUNNING
    report, more = ([], False)
    if not running and (found["rejected"] or found["duplicates"]):
        report, more = intake.rejected_rows(found["id"], REPORT_LINES)
    return render_template("imports/one.html", item=found, running=running, report=report,
                           more_in_report=more)


@blp.route("/<uuid:import_id>/rejections.csv")
@requires(IMPORTS)
def rejections(import_id):
    return sent_as_file(apis().intake.rejections(str(import_id)), f"import-{import_id}-rejections.csv")
