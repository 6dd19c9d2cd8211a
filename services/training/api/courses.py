"""``/courses``: what is taught, for how many hours, and what completing it takes."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from services.training.api import actor, training
from services.training.domain.access import READ_COURSES, WRITE_COURSES, roles_for
from services.training.domain.courses import CATEGORIES
from services.training.usecases import courses
from shared.demographics import LANGUAGE_PATTERN
from shared.web.auth import require_roles
from shared.web.blueprint import Blueprint

blp = Blueprint("courses", __name__, url_prefix="/courses",
                description="Vocational and business-skills courses and their completion rules")

_PERCENT = validate.Range(min=0, max=100)


class CompletionRuleSchema(Schema):
    min_attendance_percent = fields.Integer(required=True, strict=True, validate=_PERCENT, metadata={
        "description": "Share of the sessions a beneficiary must attend, in percent"})
    assessment_required = fields.Boolean(load_default=False)
    pass_mark = fields.Integer(load_default=None, allow_none=True, strict=True, validate=_PERCENT,
                               metadata={"description": "Out of 100; only with an assessment"})


class CourseSchema(Schema):
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    description = fields.String(load_default="", validate=validate.Length(max=5000))
    # The bounds as numbers in the document: apispec writes a Decimal field's as strings.
    hours = fields.Decimal(required=True, places=1, validate=validate.Range(min=0.5, max=9999),
                           metadata={"minimum": 0.5, "maximum": 9999})
    language = fields.String(required=True, validate=validate.Regexp(LANGUAGE_PATTERN), metadata={
        "description": "Language of instruction (ISO 639-1)"})
    provider = fields.String(required=True, validate=validate.Length(min=1, max=200))
    completion = fields.Nested(CompletionRuleSchema, required=True)


class CourseChangeSchema(CourseSchema):
    @validates_schema
    def something_changes(self, changes: dict, **kwargs) -> None:
        if not changes:
            raise ValidationError("Nothing to change: give the fields that change.")


class CourseShownSchema(CourseSchema):
    id = fields.String()
    hours = fields.Float()
    created_by = fields.String()
    created_at = fields.AwareDateTime()
    updated_at = fields.AwareDateTime()


class CourseFilter(Schema):
    category = fields.String(validate=validate.OneOf(CATEGORIES))


@blp.route("")
class Courses(MethodView):
    @require_roles(*roles_for(WRITE_COURSES))
    @blp.arguments(CourseSchema)
    @blp.response(201, CourseShownSchema)
    def post(self, body):
        """A new course with its completion rule."""
        return courses.create_course(training(), actor(), body)

    @require_roles(*roles_for(READ_COURSES))
    @blp.arguments(CourseFilter, location="query")
    @blp.response(200, CourseShownSchema(many=True))
    def get(self, args):
        """Every course, by title; of one category when asked."""
        return courses.course_list(training(), args.get("category"))


@blp.route("/<uuid:course_id>")
class OneCourse(MethodView):
    @require_roles(*roles_for(READ_COURSES))
    @blp.response(200, CourseShownSchema)
    def get(self, course_id):
        """One course."""
        return courses.course(training(), str(course_id))

    @require_roles(*roles_for(WRITE_COURSES))
    @blp.arguments(CourseChangeSchema(partial=True))
    @blp.response(200, CourseShownSchema)
    def patch(self, body, course_id):
        """Change any of the course's fields (the completion rule's given parts replace
        the stored ones, and the whole rule is checked again)."""
        return courses.change_course(training(), actor(), str(course_id), body)
