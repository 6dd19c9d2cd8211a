"""One registration is one trace: intake's request span, its relay's publish span and
training's consumer span of the registration event share a trace id, each the child of
the one before; on the embedded broker, the context in the message's headers. (On
RabbitMQ and PostgreSQL: tests/integration/platform/test_trace_across_services.py.)"""

from services.platform import SERVICES
from shared import config
from shared.cli.setup import migrate
from tests.support.fixtures import TEST_SECRET
from tests.support.traced_journey import follow_a_registration, the_registrations_spans
from tests.support.tracing import captured_spans


def test_a_registrations_spans_in_web_relay_and_consumer_share_one_trace(tmp_path):
    env = {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET}
    migrate(SERVICES, env)

    with captured_spans() as exported:
        follow_a_registration(lambda service: config.from_env(service, env))
    spans = the_registrations_spans(exported.get_finished_spans())

    [web], [relay], [consumer] = spans["web"], spans["relay"], spans["consumer"]
    assert web.context.trace_id == relay.context.trace_id == consumer.context.trace_id
    assert relay.parent.span_id == web.context.span_id  # from the envelope, through the outbox
    assert consumer.parent.span_id == relay.context.span_id  # from the message's headers
