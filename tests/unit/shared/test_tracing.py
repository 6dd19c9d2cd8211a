"""Traces: off unless configured; an event carries the trace of the work that caused it;
what leaves the process is allow-listed (no path with an id, no query string, no
address, no exception message)."""

import pytest
from opentelemetry.trace import SpanKind, Status, StatusCode

from shared import config, tracing
from shared.events.envelope import Envelope
from tests.support.fixtures import TEST_SECRET
from tests.support.registrations import registration
from tests.support.tracing import captured_spans, every_value


def test_without_a_collector_traces_are_off(tmp_path):
    tracing.configure(config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path),
                                                 "JWT_SECRET": TEST_SECRET}))

    assert not tracing.enabled()
    assert Envelope.new("test.thing.happened", {}, "test").trace is None


def test_an_event_made_inside_a_span_carries_its_trace_and_keeps_it_on_the_wire():
    with captured_spans():
        with tracing.tracer().start_as_current_span("work") as span:
            envelope = Envelope.new("test.thing.happened", {}, "test")
    trace_id = f"{span.get_span_context().trace_id:032x}"

    assert envelope.trace["traceparent"].split("-")[1] == trace_id
    assert Envelope.from_json(envelope.to_json()).trace == envelope.trace


@pytest.mark.parametrize("damaged", [{"traceparent": 42}, "not a carrier", {"tracestate": "x=1"}])
def test_a_damaged_trace_is_dropped_never_refused(damaged):
    wire = {**Envelope.new("test.thing.happened", {}, "test").to_wire(), "trace": damaged}

    assert Envelope.from_wire(wire).trace is None


def test_only_allowed_attributes_leave_the_process():
    with captured_spans() as exported:
        with tracing.tracer().start_as_current_span("GET /beneficiaries", kind=SpanKind.SERVER,
                                                    attributes={
                "http.route": "/beneficiaries", "http.method": "GET",
                "http.target": "/beneficiaries?first_name=Olena&phone=0671234567",
                "url.query": "first_name=Olena", "net.peer.ip": "10.1.2.3",
                "http.user_agent": "Mozilla"}) as span:
            span.record_exception(ValueError("Olena Koval is already registered"))
            span.set_status(Status(StatusCode.ERROR, "ValueError: Olena Koval"))
    [span] = exported.get_finished_spans()

    assert dict(span.attributes) == {"http.route": "/beneficiaries", "http.method": "GET"}
    assert [dict(event.attributes) for event in span.events] == [{"exception.type": "ValueError"}]
    text = every_value([span])
    assert "Olena" not in text and "10.1.2.3" not in text and "Mozilla" not in text


def test_a_request_span_is_named_by_its_route_and_says_nothing_of_the_person(tmp_path):
    from services.intake.app import create_app
    from services.intake.service import SERVICE
    from shared import tokens
    from tests.support import migrated

    settings = config.from_env("intake", {"VIDNOVA_DATA_DIR": str(tmp_path), "JWT_SECRET": TEST_SECRET})
    for migrations_dir, url in SERVICE.migration_targets(settings):
        migrated.upgrade(migrations_dir, url)
    body = registration()
    person = body["person"]
    with captured_spans() as exported:
        client = create_app(settings, configure_logging=False).test_client()
        auth = {"Authorization": f"Bearer {tokens.issue(settings.jwt, 'cw', ['caseworker'])}"}
        created = client.post("/beneficiaries", json=body, headers=auth).get_json()
        client.get(f"/beneficiaries?first_name={person['first_name']}&phone="
                   f"{person['mobile_phone'][1:]}", headers=auth)
        client.get(f"/beneficiaries/{created['id']}?reason=review", headers=auth)
    spans = exported.get_finished_spans()

    names = {span.name for span in spans if span.kind == SpanKind.SERVER}
    assert names == {"POST /beneficiaries", "GET /beneficiaries",
                     "GET /beneficiaries/<uuid:beneficiary_id>"}
    assert any(span.attributes.get("db.statement") for span in spans)  # SQLAlchemy's, traced
    text = every_value(spans)
    for value in (created["id"], person["first_name"], person["second_name"],
                  person["mobile_phone"][1:], "review"):
        assert value not in text
