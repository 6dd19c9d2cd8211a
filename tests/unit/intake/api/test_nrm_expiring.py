"""``GET /nrm/expiring``: granted NRM statuses caseworkers should help renew, by id and
code only."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from services.intake.adapters.beneficiary_rows import ERASED
from services.intake.adapters.tables import beneficiaries
from shared.clock import utcnow
from shared.db import Database
from tests.support.registrations import registration

TODAY = utcnow().date()


def days(n: int) -> str:
    return (TODAY + timedelta(days=n)).isoformat()


def granted(expires_in_days: int) -> dict:
    return registration(nrm={"status": "granted", "decision_date": days(-365),
                             "expires_on": days(expires_in_days)})


def expiring(client, bearer, **query) -> dict:
    response = client.get("/nrm/expiring", query_string=query, headers=bearer("caseworker"))
    assert response.status_code == 200
    return response.get_json()


def test_a_granted_status_expiring_within_the_window_is_listed_and_a_refused_one_is_not(
        client, bearer, register):
    body = granted(expires_in_days=30)
    soon = register(body)
    register(registration(nrm={"status": "refused", "decision_date": days(-10)}))

    listed = expiring(client, bearer, within_days=60)

    assert listed["expiring"] == [{"id": soon["id"], "code": soon["code"],
                                   "expires_on": days(30), "days_left": 30, "assumed": False}]
    assert listed["expired"] == []
    assert body["person"]["first_name"] not in str(listed)


def test_a_status_expiring_after_the_window_is_not_listed_until_the_window_reaches_it(
        client, bearer, register):
    later = register(granted(expires_in_days=200))

    assert expiring(client, bearer)["expiring"] == []  # 60 days by default
    assert [e["code"] for e in expiring(client, bearer, within_days=365)["expiring"]] == [
        later["code"]]


def test_an_expired_status_is_listed_apart(client, bearer, register):
    lapsed = register(registration(nrm={"status": "granted", "decision_date": days(-800),
                                        "expires_on": days(-70)}))

    listed = expiring(client, bearer)

    assert listed["expiring"] == []
    assert [(e["code"], e["days_left"]) for e in listed["expired"]] == [(lapsed["code"], -70)]


def test_an_erased_beneficiary_is_not_listed(client, bearer, register, intake_settings):
    erased = register(granted(expires_in_days=30))
    db = Database(intake_settings.database_url)
    with db.transaction() as session:  # as erasure leaves the row: anonymous columns only
        session.execute(update(beneficiaries).where(beneficiaries.c.id == erased["id"])
                        .values(status=ERASED, code=None))
    db.dispose()

    assert expiring(client, bearer)["expiring"] == []


def test_a_me_officer_may_not_list_people_to_contact(client, bearer):
    assert client.get("/nrm/expiring", headers=bearer("me_officer")).status_code == 403


def test_a_window_beyond_the_longest_validity_is_refused(client, bearer):
    response = client.get("/nrm/expiring?within_days=5000", headers=bearer("caseworker"))

    assert response.status_code == 422
