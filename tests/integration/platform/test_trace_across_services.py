"""One registration is one trace on RabbitMQ and PostgreSQL: intake's request span, its
relay's publish span and training's consumer span share a trace id, the context crossing
the broker in the AMQP message's ``traceparent`` header beside the envelope's
correlation id."""

import pytest

from tests.support.traced_journey import follow_a_registration, the_registrations_spans
from tests.support.tracing import captured_spans

pytestmark = pytest.mark.integration


def test_a_registrations_spans_in_web_relay_and_consumer_share_one_trace(platform):
    with captured_spans() as exported:
        follow_a_registration(platform.settings)
    spans = the_registrations_spans(exported.get_finished_spans())

    [web], [relay], [consumer] = spans["web"], spans["relay"], spans["consumer"]
    assert web.context.trace_id == relay.context.trace_id == consumer.context.trace_id
    assert relay.parent.span_id == web.context.span_id
    assert consumer.parent.span_id == relay.context.span_id  # from the AMQP headers
    assert relay.attributes["messaging.system"] == "rabbitmq"
    assert any(span.attributes.get("db.system") == "postgresql" for span in
               exported.get_finished_spans() if span.context.trace_id == web.context.trace_id)
