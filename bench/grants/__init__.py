"""``python -m bench.grants``: grants' budget report and approvals, each beside the plain
database work of the same size in the same run.

1. Seeds 20,000 grants and 60,000 tranches (with their plans, beneficiaries and visits)
   in ten programmes, then times the budget report (and, for the record, the grants
   report) beside a plain ``count(*)`` of the grants and tranches tables. Aim: the budget
   report under 10x the counts.
2. Seeds plans ready for a decision in one programme and has 20 officers approve them at
   once through the use case (four-eyes checks, the envelope's lock, the commitment, the
   tranches, the event), beside 20 writers inserting as many rows plainly, one
   transaction each. Reported: approvals/s, inserts/s and their ratio.

SQLite files by default; ``--database-url`` names a PostgreSQL server where the run
creates a database of its own and drops it at the end. Prints a table and writes the
figures to ``bench/results/grants-<UTC timestamp>.json``.
"""
