"""``/docs``: Swagger UI served by the service itself, from the swagger-ui-bundle package.

Loading it from a CDN told a third party who reads the API docs and when, and ran code
the platform does not ship; served from here, the page's Content-Security-Policy allows
scripts and styles from 'self' only. The one script of our own (``start.js``) is a file
rather than an inline script for the same reason.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, current_app, render_template, send_from_directory, url_for
from swagger_ui_bundle import swagger_ui_path
from werkzeug.exceptions import NotFound

HERE = Path(__file__).resolve().parent
SWAGGER_UI = Path(str(swagger_ui_path))
# What the page loads from the bundle; nothing else of its folder is served (its
# index.html and initializer point at the public pet-store example).
BUNDLE_FILES = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png"})
OWN_FILES = frozenset({"start.js"})

blp = Blueprint("api_docs", __name__, template_folder=".")
PAGE_ENDPOINT = f"{blp.name}.page"
ASSET_ENDPOINT = f"{blp.name}.asset"


@blp.get("/docs")
def page():
    return render_template("vidnova_api_docs.html", title=current_app.config["API_TITLE"],
                           spec_url=url_for("api-docs.openapi_json"))


@blp.get("/docs/assets/<name>")
def asset(name: str):
    if name in OWN_FILES:
        return send_from_directory(HERE, name)
    if name in BUNDLE_FILES:
        return send_from_directory(SWAGGER_UI, name)
    raise NotFound()


def install(app: Flask) -> None:
    app.register_blueprint(blp)
