"""The training report over a programme's worth of data, beside ``count(*)``.

The data is made by the database itself (``generate_series``): 100 cohorts of 5 courses
in 10 oblasts, 20 sessions each, 500 placements per cohort (50,000, with sexes and age
bands spread), and a mark for every placement at every session (1,000,000).
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from sqlalchemy import text

SEED = [
    """INSERT INTO courses (id, title, category, description, hours, language, provider,
           min_attendance_percent, assessment_required, pass_mark, created_by, created_at, updated_at)
       SELECT 'c0000000-0000-0000-0000-00000000000' || n, 'Course ' || n,
              (ARRAY['vocational','business_skills','digital_skills','language','other'])[n + 1],
              '', 24, 'uk', 'Bench', 80, false, NULL, 'bench', now(), now()
       FROM generate_series(0, 4) AS n""",
    """INSERT INTO cohorts (id, course_id, oblast, venue, online, starts_on, ends_on, capacity, status,
           created_by, created_at, updated_at)
       SELECT 'h' || lpad(n::text, 35, '0'), 'c0000000-0000-0000-0000-00000000000' || (n % 5),
              'UA-' || lpad((10 + n % 10)::text, 2, '0'), 'Hall', false, DATE '2027-03-01',
              DATE '2027-03-28', 500, 'running', 'bench', now(), now()
       FROM generate_series(0, 99) AS n""",
    """INSERT INTO sessions (id, cohort_id, held_on, starts_local, ends_local, time_zone, starts_at, ends_at)
       SELECT 's' || lpad((c * 20 + d)::text, 35, '0'), 'h' || lpad(c::text, 35, '0'),
              DATE '2027-03-01' + d, TIME '10:00', TIME '13:00', 'Europe/Kyiv',
              TIMESTAMPTZ '2027-03-01 08:00+00' + d * INTERVAL '1 day',
              TIMESTAMPTZ '2027-03-01 11:00+00' + d * INTERVAL '1 day'
       FROM generate_series(0, 99) AS c, generate_series(0, 19) AS d""",
    """INSERT INTO beneficiaries (beneficiary_id, region, sex, age_band, preferred_language,
           registered_at, updated_at, case_management_consent, erased_at)
       SELECT 'b' || lpad(n::text, 35, '0'), 'UA-46',
              (ARRAY['Feminine','Masculine','NonSpecifiedUnknown'])[1 + n % 3],
              (ARRAY['18-24','25-34','35-44','45-54','55-64'])[1 + n % 5], 'uk', now(), now(), true, NULL
       FROM generate_series(0, 49999) AS n""",
    """INSERT INTO enrolments (id, cohort_id, beneficiary_id, seq, status, requested_by, created_at,
           enrolled_at)
       SELECT 'e' || lpad(n::text, 35, '0'), 'h' || lpad((n / 500)::text, 35, '0'),
              'b' || lpad(n::text, 35, '0'), 1 + n % 500,
              CASE WHEN n % 10 = 0 THEN 'completed' WHEN n % 37 = 0 THEN 'withdrawn' ELSE 'enrolled' END,
              'bench', TIMESTAMPTZ '2027-02-15 09:00+00', TIMESTAMPTZ '2027-02-15 09:00+00'
       FROM generate_series(0, 49999) AS n""",
    """INSERT INTO attendance (session_id, enrolment_id, mark, marked_by, marked_at)
       SELECT 's' || lpad(((n / 500) * 20 + d)::text, 35, '0'), 'e' || lpad(n::text, 35, '0'),
              CASE WHEN (n + d) % 7 = 0 THEN 'absent' WHEN (n + d) % 11 = 0 THEN 'excused'
                   ELSE 'present' END, 'bench', now()
       FROM generate_series(0, 49999) AS n, generate_series(0, 19) AS d""",
    "ANALYZE",
]
PERIOD = (date(2027, 2, 1), date(2027, 2, 28))


def seed(db) -> dict:
    started = time.perf_counter()
    with db.transaction() as session:
        for statement in SEED[:-1]:
            session.execute(text(statement))
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(SEED[-1]))
    with db.reading() as session:
        counts = {table: session.scalar(text(f"SELECT count(*) FROM {table}"))
                  for table in ("enrolments", "attendance")}
    return {**counts, "seconds": round(time.perf_counter() - started, 1)}


def timed(run, repeats: int) -> float:
    """The median of ``repeats`` runs, in seconds, after one to warm the caches."""
    run()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report_against_count(training, actor, repeats: int) -> dict:
    from services.training.usecases.reports import training_report

    def the_report():
        training_report(training, actor, *PERIOD)

    def plain_count():
        with training.reading() as session:
            session.scalar(text("SELECT count(*) FROM enrolments"))
            session.scalar(text("SELECT count(*) FROM attendance"))

    report_seconds, count_seconds = timed(the_report, repeats), timed(plain_count, repeats)
    return {"report_seconds": round(report_seconds, 4), "count_seconds": round(count_seconds, 4),
            "ratio": round(report_seconds / count_seconds, 2)}
