"""Contracts of the events notifications publishes: a message's fate and an opt-out.
Opaque ids and codes only: never a number, an address, a text or a name."""

from marshmallow import Schema, fields, validate

from shared.events.contracts import CONTRACTS

MESSAGE_SENT = "notifications.message.sent"
MESSAGE_DELIVERED = "notifications.message.delivered"
MESSAGE_FAILED = "notifications.message.failed"
CONTACT_OPTED_OUT = "notifications.contact.opted_out"

MESSAGE_CHANNELS = ("sms", "email")


class MessageEvent(Schema):
    message_id = fields.UUID(required=True)
    beneficiary_id = fields.UUID(required=True)
    template = fields.String(required=True, validate=validate.Length(min=1, max=40))
    channel = fields.String(required=True, validate=validate.OneOf(MESSAGE_CHANNELS))


@CONTRACTS.contract(MESSAGE_SENT, 1)
class MessageSentV1(MessageEvent):
    """The gateway took the message."""


@CONTRACTS.contract(MESSAGE_DELIVERED, 1)
class MessageDeliveredV1(MessageEvent):
    """The network reported it on the phone."""


@CONTRACTS.contract(MESSAGE_FAILED, 1)
class MessageFailedV1(Schema):
    """Given up: ``reason`` is a code (a gateway's status, ``opted_out``, ``no_consent``...);
    ``channel`` the last one tried, if any."""

    message_id = fields.UUID(required=True)
    beneficiary_id = fields.UUID(required=True)
    template = fields.String(required=True, validate=validate.Length(min=1, max=40))
    channel = fields.String(required=True, allow_none=True,
                            validate=validate.OneOf(MESSAGE_CHANNELS))
    reason = fields.String(required=True, validate=validate.Length(min=1, max=60))


@CONTRACTS.contract(CONTACT_OPTED_OUT, 1)
class ContactOptedOutV1(Schema):
    """The beneficiary replied STOP: no more SMS. Intake records the withdrawal of consent
    to SMS."""

    beneficiary_id = fields.UUID(required=True)
    channel = fields.String(required=True, validate=validate.OneOf(("sms",)))
    opted_out_at = fields.AwareDateTime(required=True, format="iso")
