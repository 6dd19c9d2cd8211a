"""Caseworkers' imports of the HTCDS Excel template (or its CSV export): upload, the
latest imports with their progress (the list refreshes itself while one runs, without
JavaScript), and each import's report of rejected rows.

Intake reads the file in the upload's request, so the portal's request waits for it;
the file passes through the portal's memory (or a temporary file for a large one) for
that request only.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from services.portal.adapters.http import ApiError
from services.portal.domain.sections import IMPORTS
from services.portal.pages import apis, requires, sent_as_file

blp = Blueprint("imports", __name__, url_prefix="/imports")
RUNNING = "running"


@blp.route("")
@requires(IMPORTS)
def index():
    recent = apis().intake.imports()
    return render_template("imports/index.html", imports=recent,
                           running=any(item["status"] == RUNNING for item in recent), errors={})


@blp.route("", methods=["POST"])
@requires(IMPORTS)
def upload():
    file = request.files.get("file")
    if file is None or not file.filename:
        return render_template("imports/index.html", imports=apis().intake.imports(), running=False,
                               errors={"file": [_("Choose a file to import.")]}), 422
    try:
        done = apis().intake.upload(file.filename, file.stream, request.form.get("language") or None)
    except ApiError as refused:
        import_id = refused.errors.get("import_id")
        if import_id:
            flash(_("The import stopped: %(why)s", why=refused.message), "error")
            return redirect(url_for("imports.one", import_id=import_id))
        if refused.status not in (413, 422):
            raise
        return render_template("imports/index.html", imports=apis().intake.imports(), running=False,
                               errors={"file": [refused.message]}), refused.status
    return redirect(url_for("imports.one", import_id=done["id"]))


@blp.route("/<uuid:import_id>")
@requires(IMPORTS)
def one(import_id):
    found = apis().intake.import_of(str(import_id))
    return render_template("imports/one.html", item=found, running=found["status"] == RUNNING)


@blp.route("/<uuid:import_id>/rejections.csv")
@requires(IMPORTS)
def rejections(import_id):
    return sent_as_file(apis().intake.rejections(str(import_id)), f"import-{import_id}-rejections.csv")
