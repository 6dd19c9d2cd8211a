"""ODK Collect / KoboCollect submissions of the HTCDS form: authenticated by a platform
token as the Basic password, validated and checked for duplicates as the API does, and
registered once per instanceID however often they are resent."""

from __future__ import annotations

import base64
import io
import json
import xml.etree.ElementTree as ET

from services.intake.adapters.tables import beneficiaries, openrosa_submissions
from services.intake.api.openrosa import responses
from shared import tokens
from tests.support.intake.filled_form import ANSWERS, INSTANCE_ID, filled_form
from tests.support.intake.queries import rows

URL = "/openrosa/submission"
NS = {"or": responses.NAMESPACE}
OTHER_INSTANCE = "uuid:5c7b1a2e-0000-4000-8000-000000000002"


def basic(settings, *roles: str, user: str = "enumerator-1") -> dict:
    token = tokens.issue(settings.jwt, user, list(roles))
    credentials = base64.b64encode(f"{user}:{token}".encode()).decode()
    return {"Authorization": f"Basic {credentials}"}


def submit(client, headers: dict, document: bytes | None = None, query: str = ""):
    form = {"xml_submission_file": (io.BytesIO(document or filled_form()), "htcds.xml", "text/xml")}
    return client.post(URL + query, data=form, content_type="multipart/form-data",
                       headers={"X-OpenRosa-Version": "1.0", **headers})


def message(response) -> ET.Element:
    return ET.fromstring(response.data).find("or:message", NS)


def test_head_answers_204_with_the_openrosa_headers(client, intake_settings):
    response = client.head(URL, headers=basic(intake_settings, "caseworker"))

    assert response.status_code == 204
    assert response.headers["X-OpenRosa-Version"] == "1.0"
    assert response.headers["X-OpenRosa-Accept-Content-Length"] == str(responses.ACCEPT_CONTENT_LENGTH)


def test_a_head_without_credentials_is_challenged_so_that_collect_asks_for_them(client):
    response = client.head(URL)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Basic realm="vidnova"'
    assert response.headers["X-OpenRosa-Version"] == "1.0"


def test_a_post_without_credentials_is_challenged_for_basic_auth(client, intake_settings):
    response = submit(client, {})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Basic realm="vidnova"'
    assert message(response).get("nature") == "error"
    assert rows(intake_settings, beneficiaries) == []


def test_a_password_that_is_not_a_valid_token_is_challenged_again(client, intake_settings):
    credentials = base64.b64encode(b"enumerator-1:letmein").decode()

    response = submit(client, {"Authorization": f"Basic {credentials}"})

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == 'Basic realm="vidnova"'


def test_a_trainer_token_is_forbidden(client, intake_settings):
    response = submit(client, basic(intake_settings, "trainer"))

    assert response.status_code == 403
    assert rows(intake_settings, beneficiaries) == []


def test_a_bearer_token_is_accepted_too(client, bearer):
    assert submit(client, bearer("caseworker")).status_code == 201


def test_a_full_submission_registers_the_person_with_their_answers(client, intake_settings, bearer):
    response = submit(client, basic(intake_settings, "caseworker"), query="?language=ru")

    assert response.status_code == 201
    assert response.headers["Content-Type"] == responses.CONTENT_TYPE
    assert message(response).get("nature") == "submit_success"
    [row] = rows(intake_settings, beneficiaries)
    assert message(response).text == f"Registered as {row['code']}."
    record = client.get(f"/beneficiaries/{row['id']}?reason=checking+an+ODK+submission",
                        headers=bearer("caseworker")).get_json()
    assert (record["person"]["first_name"], record["person"]["second_name"]) == (
        ANSWERS["prs_First_Name"], ANSWERS["prs_Second_Name"])
    assert record["person"]["mobile_phone"] == "+380671112233"
    assert (record["preferred_language"], record["region"]) == ("ru", ANSWERS["prs_MailingState"])
    assert record["victim"]["types_of_exploitation"] == ["ForcedLabour", "SexualExploitation"]
    assert row["registered_by"] == "enumerator-1"


def test_the_language_falls_back_to_the_programmes_default(client, intake_settings):
    submit(client, basic(intake_settings, "caseworker"))

    [row] = rows(intake_settings, beneficiaries)
    assert row["preferred_language"] == "uk"


def test_the_same_instance_sent_again_is_acknowledged_and_not_registered_twice(client,
                                                                              intake_settings):
    first = submit(client, basic(intake_settings, "caseworker"))

    again = submit(client, basic(intake_settings, "caseworker"))

    assert (first.status_code, again.status_code) == (201, 202)
    assert message(again).get("nature") == "submit_success"
    assert len(rows(intake_settings, beneficiaries)) == 1
    [received] = rows(intake_settings, openrosa_submissions)
    assert (received["instance_id"], received["outcome"]) == (INSTANCE_ID, "registered")
    assert received["beneficiary_id"] == rows(intake_settings, beneficiaries)[0]["id"]


def test_another_instance_of_the_same_person_is_held_as_a_possible_duplicate(client,
                                                                             intake_settings):
    submit(client, basic(intake_settings, "caseworker"))
    [registered] = rows(intake_settings, beneficiaries)

    response = submit(client, basic(intake_settings, "caseworker"),
                      filled_form(instance_id=OTHER_INSTANCE))

    assert response.status_code == 202  # so that the phone stops resending it
    assert registered["code"] in message(response).text
    assert ANSWERS["prs_First_Name"] not in response.get_data(as_text=True)
    assert len(rows(intake_settings, beneficiaries)) == 1
    held = next(r for r in rows(intake_settings, openrosa_submissions)
                if r["instance_id"] == OTHER_INSTANCE)
    assert (held["outcome"], held["beneficiary_id"]) == ("duplicate", None)


def test_a_wrong_picklist_value_names_the_question_and_never_echoes_the_answer(client,
                                                                               intake_settings):
    answers = {**ANSWERS, "vic_TraffickingStatusDecisionMakingOrg": "SecretPoliceUnit7"}

    response = submit(client, basic(intake_settings, "caseworker"), filled_form(answers))

    assert response.status_code == 400
    assert message(response).get("nature") == "error"
    assert "vic_TraffickingStatusDecisionMakingOrg" in message(response).text
    assert "SecretPoliceUnit7" not in response.get_data(as_text=True)
    assert rows(intake_settings, beneficiaries) == rows(intake_settings, openrosa_submissions) == []


def test_an_answer_a_message_would_quote_is_named_but_not_quoted(client, intake_settings):
    # A region outside the country: the record's message quotes both codes.
    answers = {**ANSWERS, "prs_MailingState": "PL-14"}

    response = submit(client, basic(intake_settings, "caseworker"), filled_form(answers))

    assert response.status_code == 400
    assert "prs_MailingState" in message(response).text
    assert "PL-14" not in response.get_data(as_text=True)


def test_a_bad_language_parameter_is_named(client, intake_settings):
    response = submit(client, basic(intake_settings, "caseworker"), query="?language=Ukrainian")

    assert response.status_code == 400
    assert "language" in message(response).text
    assert "Ukrainian" not in response.get_data(as_text=True)


def test_another_form_is_refused(client, intake_settings):
    other = filled_form().replace(b'id="htcds_xlsform"', b'id="some_other_form"')

    response = submit(client, basic(intake_settings, "caseworker"), other)

    assert response.status_code == 400
    assert message(response).get("nature") == "error"


def test_a_body_over_the_announced_size_is_refused_in_the_openrosa_envelope(client,
                                                                          intake_settings):
    padding = b"x" * (responses.ACCEPT_CONTENT_LENGTH + 1)
    response = client.post(URL, content_type="multipart/form-data",
                           headers=basic(intake_settings, "caseworker"),
                           data={"xml_submission_file": (io.BytesIO(filled_form()), "a.xml"),
                                 "video.mp4": (io.BytesIO(padding), "video.mp4")})

    assert response.status_code == 413
    assert message(response).get("nature") == "error"


def test_the_openapi_document_lists_the_endpoint_as_token_secured(client):
    spec = client.get("/openapi.json").get_json()

    post = spec["paths"]["/openrosa/submission"]["post"]
    assert post["security"] == [{"bearerAuth": []}]
    assert "xml_submission_file" in json.dumps(post["requestBody"])
