"""``python -m bench.training`` (``make bench``): training on PostgreSQL, beside the floor.

1. Enrolment: 50 concurrent clients send ``POST /cohorts/<id>/enrolments`` over 10 cohorts
   (token check, schema, eligibility, overlap, the cohort's lock, the outbox: all the real
   work, through the Flask app in this process), beside 50 concurrent clients inserting
   the same rows plainly, a transaction each, into a copy of the table.
2. The report: ``GET /reports/training``'s use case over 50,000 enrolments and 1,000,000
   attendance marks, beside a plain ``count(*)`` of the same tables. Aim: under 10x.

Runs in a database of its own on the server (``--database-url``, default ``$DATABASE_URL``
or the local one), dropped at the end; prints a table and writes the figures to
``bench/results/training-<UTC timestamp>.json``.
"""
