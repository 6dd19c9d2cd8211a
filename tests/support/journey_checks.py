"""What every journey of a batch must show at the end, whatever went wrong on the way:
each SMS its steps caused at the fake SMSC once, in the person's language; the events
about the person on the wire in the order of their steps, with their journey's
correlation id."""

from __future__ import annotations

from shared.events.contracts.notifications import MESSAGE_DELIVERED, MESSAGE_SENT
from tests.support.journey_steps import Journey
from tests.support.process_platform import ProcessPlatform
from tests.support.sms_expectations import expected_text, reassembles

# The sending round's notices: each follows its own cause, at the gateway's pace.
NOTICES = (MESSAGE_SENT, MESSAGE_DELIVERED)


def assert_told_once(running: ProcessPlatform, journeys: list[tuple[Journey, list[str]]],
                     templates: tuple[str, ...]) -> None:
    """Each person got exactly the texts of ``templates`` (none filled with variables)."""
    received = running.kannel.received()
    for person, _ in journeys:
        texts = [expected_text(template, person.language, {}) for template in templates]
        parts = [r.text for r in received if r.to == person.phone]
        assert reassembles(parts, texts), (person.id, len(parts), [
            (m["template"], m["status"], m["reason"], m["attempts"])
            for m in running.messages_of(person.id)])


def assert_events_in_step_order(running: ProcessPlatform,
                                journeys: list[tuple[Journey, list[str]]]) -> None:
    """Each event counted at its first crossing: a copy published again (at least once)
    is allowed."""
    for person, kinds in journeys:
        firsts: dict[str, object] = {}
        for seen_once in running.wire.about(person.id):
            firsts.setdefault(seen_once.envelope["id"], seen_once)
        seen = list(firsts.values())
        assert [s.routing_key for s in seen if s.routing_key not in NOTICES] == kinds, person.id
        assert {s.envelope["correlation_id"] for s in seen if s.routing_key in kinds} == {
            person.api.correlation_id}
