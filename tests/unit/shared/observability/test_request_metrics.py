"""A web app counts and times each request under its route template, never the path it
came with (which names a person), and shows its metrics at /metrics without a token."""

import uuid

from tests.support.registrations import registration


def exposed(client) -> str:
    response = client.get("/metrics")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_request_is_counted_under_its_route_template_not_its_path(client, bearer):
    person = str(uuid.uuid4())

    client.get(f"/beneficiaries/{person}?reason=follow-up", headers=bearer("caseworker"))

    text = exposed(client)
    assert ('vidnova_http_requests_total{method="GET",route="/beneficiaries/<uuid:beneficiary_id>",'
            'service="intake",status="404"} 1.0') in text
    assert person not in text and "follow-up" not in text


def test_a_request_is_timed_under_its_route_and_method(client):
    client.get("/healthz")
    client.get("/healthz")

    assert ('vidnova_http_request_duration_seconds_count{method="GET",route="/healthz",'
            'service="intake"} 2.0') in exposed(client)


def test_a_path_no_route_matches_is_counted_as_unmatched(client):
    client.get("/no/such/thing/olena-koval")

    text = exposed(client)
    assert 'route="unmatched",service="intake",status="404"' in text
    assert "olena" not in text


def test_what_a_registration_sends_appears_nowhere_in_the_metrics(client, bearer):
    body = registration()

    answer = client.post("/beneficiaries", json=body, headers=bearer("caseworker"))

    assert answer.status_code == 201
    text = exposed(client)
    assert 'route="/beneficiaries",service="intake",status="201"' in text
    person = body["person"]
    for value in (answer.get_json()["id"], person["first_name"], person["second_name"],
                  person["mobile_phone"], person["mobile_phone"][1:]):
        assert value not in text


def test_metrics_ask_for_no_token_and_are_not_in_the_api_document(client):
    assert client.get("/metrics").status_code == 200
    assert "/metrics" not in client.get("/openapi.json").get_json()["paths"]
