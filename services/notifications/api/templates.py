"""``/templates``: the text of each kind of message per language: listed with its SMS
size, edited (each version kept), previewed with sample data. Administrators edit;
caseworkers may read."""

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from services.notifications.usecases import templates
from shared.roles import ADMIN, CASEWORK
from shared.web.auth import current_principal, require_roles
from shared.web.blueprint import Blueprint
from shared.web.runtime import runtime

blp = Blueprint("templates", __name__, url_prefix="/templates",
                description="Message templates (Jinja2, sandboxed), their history and previews")


_PERSONAL = ("Marked personal, the body may greet the person by given_name; only people "
             "who consented to be named in messages read it, everyone else the fallback")
_FALLBACK = "A personal template's body for whoever may not be named (no given_name)"


class TextSchema(Schema):
    subject = fields.String(required=True, validate=validate.Length(min=1, max=200),
                            metadata={"description": "An e-mail's subject: neutral, never a name"})
    body = fields.String(required=True, validate=validate.Length(min=1, max=2000), metadata={
        "description": "Jinja2; filters date, time, money(currency); only the kind's variables"})
    personal = fields.Boolean(load_default=False, metadata={"description": _PERSONAL})
    fallback = fields.String(load_default=None, allow_none=True,
                             validate=validate.Length(min=1, max=2000),
                             metadata={"description": _FALLBACK + "; required when personal"})


class PreviewSchema(Schema):
    subject = fields.String(validate=validate.Length(min=1, max=200))
    body = fields.String(validate=validate.Length(min=1, max=2000))
    personal = fields.Boolean()
    fallback = fields.String(allow_none=True, validate=validate.Length(min=1, max=2000))


class SmsSizeSchema(Schema):
    length = fields.Integer(metadata={"description": "Septets (GSM-7) or UTF-16 units (UCS-2)"})
    encoding = fields.String(metadata={"description": "GSM-7 or UCS-2"})
    segments = fields.Integer(metadata={"description": "SMS the text takes"})


class TemplateSchema(Schema):
    kind = fields.String()
    language = fields.String()
    subject = fields.String()
    body = fields.String()
    personal = fields.Boolean(metadata={"description": _PERSONAL})
    fallback = fields.String(allow_none=True, metadata={"description": _FALLBACK})
    version = fields.Integer(metadata={"description": "0: the built-in text"})
    changed_by = fields.String()
    changed_at = fields.AwareDateTime(allow_none=True)
    sms = fields.Nested(SmsSizeSchema, metadata={"description": "With the sample data"})


class VersionSchema(Schema):
    kind = fields.String()
    language = fields.String()
    version = fields.Integer()
    subject = fields.String()
    body = fields.String()
    personal = fields.Boolean()
    fallback = fields.String(allow_none=True)
    changed_by = fields.String()
    changed_at = fields.AwareDateTime()


class RenderedSchema(Schema):
    kind = fields.String()
    language = fields.String()
    personal = fields.Boolean()
    subject = fields.String()
    body = fields.String(metadata={"description": "A personal body with a sample given name"})
    fallback = fields.String(allow_none=True, metadata={"description": "Rendered, when personal"})
    sms = fields.Nested(SmsSizeSchema)


@blp.route("")
class Templates(MethodView):
    @require_roles(ADMIN, *CASEWORK)
    @blp.response(200, TemplateSchema(many=True))
    def get(self):
        """Every kind of message in every language, with its SMS's size."""
        return templates.template_list(runtime())


@blp.route("/<kind>/<language>")
class OneTemplate(MethodView):
    @require_roles(ADMIN, *CASEWORK)
    @blp.response(200, TemplateSchema)
    def get(self, kind, language):
        """The template as it stands."""
        return templates.template(runtime(), kind, language)

    @require_roles(ADMIN)
    @blp.arguments(TextSchema)
    @blp.response(200, TemplateSchema)
    def put(self, text, kind, language):
        """A new version; 422 naming why when it would not render, uses a variable its
        kind has not (given_name: only a personal template's body), names a denied word,
        or is personal without a fallback."""
        return templates.save_template(runtime(), kind, language, text, current_principal().user)


@blp.route("/<kind>/<language>/history")
class TemplateHistory(MethodView):
    @require_roles(ADMIN, *CASEWORK)
    @blp.response(200, VersionSchema(many=True))
    def get(self, kind, language):
        """Every saved version, newest first."""
        return templates.template_history(runtime(), kind, language)


@blp.route("/<kind>/<language>/preview")
class TemplatePreview(MethodView):
    @require_roles(ADMIN, *CASEWORK)
    @blp.arguments(PreviewSchema)
    @blp.response(200, RenderedSchema)
    def post(self, text, kind, language):
        """The template (or the text given, checked as a save would) filled with sample data."""
        given = text if text else None
        if given is not None:
            current = templates.template(runtime(), kind, language)
            given = {name: text.get(name, current[name])
                     for name in ("subject", "body", "personal", "fallback")}
        return templates.preview(runtime(), kind, language, given)
