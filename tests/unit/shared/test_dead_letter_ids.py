"""Every dead letter has an id to replay it by, even one whose body is not an event."""

from shared.messaging.consumer import ERROR_HEADER
from shared.messaging.dead_letters import _describe
from tests.support.fake_message import FakeMessage


def test_a_dead_event_is_known_by_its_event_id():
    letter = _describe("training", FakeMessage('{"id": "e-7", "type": "a.b.c"}', message_id="m-1"))

    assert (letter.id, letter.event_id, letter.event_type) == ("e-7", "e-7", "a.b.c")


def test_a_body_that_is_not_json_is_known_by_its_message_id_when_it_has_one():
    letter = _describe("training", FakeMessage(b"\xff not json", message_id="m-1"))

    assert (letter.id, letter.event_id) == ("m-1", "m-1")


def test_a_body_that_is_not_json_and_has_no_message_id_is_known_by_a_digest_of_itself():
    def letter(body: bytes):
        return _describe("training", FakeMessage(body, headers={ERROR_HEADER: "EnvelopeError"},
                                                 message_id=None))

    first, same, other = letter(b"\xff garbage"), letter(b"\xff garbage"), letter(b"garbage")

    assert first.event_id is None
    assert first.id.startswith("body-sha256:") and first.id == same.id != other.id
    assert first.error == "EnvelopeError"


def test_a_body_nested_too_deeply_to_parse_is_listed_by_its_digest():
    letter = _describe("training", FakeMessage(b"[" * 200_000, message_id=None))

    assert letter.id.startswith("body-sha256:") and letter.event_id is None
