"""Enrolment requests/s with concurrent clients, beside plain inserts of the same rows."""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from sqlalchemy import create_engine, insert, select, text

from services.training.adapters.tables import beneficiaries, enrolments
from shared.clock import utcnow

FIRST_DAY = date(2027, 3, 1)


def seed_beneficiaries(db, count: int) -> list[str]:
    """``count`` beneficiaries as intake's events leave them: known, consenting."""
    now = utcnow()
    rows = [{"beneficiary_id": str(uuid.uuid4()), "region": "UA-46", "sex": "Feminine",
             "age_band": "25-34", "preferred_language": "uk", "registered_at": now, "updated_at": now,
             "case_management_consent": True, "erased_at": None} for _ in range(count)]
    with db.transaction() as session:
        session.execute(insert(beneficiaries), rows)
    return [row["beneficiary_id"] for row in rows]


def cohort_bodies(course_id: str, cohorts: int, capacity: int) -> list[dict]:
    """Cohorts a week apart (no two overlap, so nobody is refused for that)."""
    return [{"course_id": course_id, "trainers": ["bench-trainer"], "oblast": "UA-46", "online": True,
             "starts_on": (FIRST_DAY + timedelta(weeks=n)).isoformat(),
             "ends_on": (FIRST_DAY + timedelta(weeks=n, days=2)).isoformat(), "capacity": capacity,
             "sessions": [{"date": (FIRST_DAY + timedelta(weeks=n, days=d)).isoformat(),
                           "start": "10:00", "end": "13:00"} for d in range(3)]}
            for n in range(cohorts)]


def concurrent_enrolments(client, headers: dict, plan: list[tuple[str, str]], clients: int) -> dict:
    """Send every (cohort, beneficiary) of ``plan`` from ``clients`` threads; requests/s."""
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def send(pair):
        answer = client.post(f"/cohorts/{pair[0]}/enrolments", json={"beneficiary_id": pair[1]},
                             headers=headers)
        with lock:
            statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(send, plan))
    seconds = time.perf_counter() - started
    return {"requests": len(plan), "seconds": round(seconds, 3),
            "per_second": round(len(plan) / seconds, 1), "statuses": statuses}


def plain_inserts(url: str, clients: int) -> dict:
    """The same rows inserted plainly into a copy of the table, a transaction each, from
    as many threads: the floor an enrolment costs in this database."""
    engine = create_engine(url, pool_size=clients, max_overflow=0)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE plain_enrolments (LIKE enrolments INCLUDING ALL)"))
            rows = [dict(row) for row in connection.execute(select(enrolments)).mappings()]
        names = list(enrolments.columns.keys())
        statement = text(f"INSERT INTO plain_enrolments ({', '.join(names)}) "
                         f"VALUES ({', '.join(':' + name for name in names)})")

        def write(row):
            with engine.begin() as connection:
                connection.execute(statement, row)

        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            list(pool.map(write, rows))
        seconds = time.perf_counter() - started
        return {"rows": len(rows), "seconds": round(seconds, 3), "per_second": round(len(rows) / seconds, 1)}
    finally:
        engine.dispose()
