"""How consent is written in requests and answers."""

from marshmallow import Schema, fields, validate

from shared.consent import METHODS, PURPOSES


class ConsentChangeSchema(Schema):
    purpose = fields.String(required=True, validate=validate.OneOf(PURPOSES))
    granted = fields.Boolean(required=True, metadata={"description": "false withdraws it"})
    method = fields.String(required=True, validate=validate.OneOf(METHODS))


class ConsentEntrySchema(ConsentChangeSchema):
    recorded_by = fields.String()
    recorded_at = fields.AwareDateTime()


class ConsentStateSchema(Schema):
    current = fields.Dict(keys=fields.String(), values=fields.Boolean())
    history = fields.List(fields.Nested(ConsentEntrySchema))
