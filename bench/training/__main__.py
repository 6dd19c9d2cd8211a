"""Run the training bench: see the package's docstring."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from datetime import UTC, datetime

from bench.report import RESULTS_DIR
from bench.training import enrolment, report
from bench.training.database import training_database
from bench.versions import machine

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test"
REPORT_AIM = 10.0  # the report within 10x a plain count(*) of the same tables


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    started_at = datetime.now(UTC)
    results = {"enrolment": _enrolment_phase(args), "report": _report_phase(args)}
    results.update(started_at=started_at.isoformat(), machine=machine(),
                   options={"clients": args.clients, "cohorts": args.cohorts, "requests": args.requests})
    print(_table(results))
    path = RESULTS_DIR / f"training-{started_at.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    print(f"\nbench: figures written to {path}")
    return 0


def _enrolment_phase(args) -> dict:
    with training_database(args.database_url) as url, _training(url) as (training, client, headers):
        course = client.post("/courses", json=_course(), headers=headers).json
        cohorts = [client.post("/cohorts", json=body, headers=headers).json["id"]
                   for body in enrolment.cohort_bodies(course["id"], args.cohorts,
                                                       capacity=args.requests // args.cohorts // 2)]
        for cohort_id in cohorts:
            client.patch(f"/cohorts/{cohort_id}", json={"status": "open"}, headers=headers)
        people = enrolment.seed_beneficiaries(training.db, args.requests)
        plan = [(cohorts[n % len(cohorts)], person) for n, person in enumerate(people)]
        vidnova = enrolment.concurrent_enrolments(client, headers, plan, args.clients)
        plain = enrolment.plain_inserts(url, args.clients)
    return {"vidnova": vidnova, "plain_inserts": plain,
            "ratio": round(vidnova["per_second"] / plain["per_second"], 3)}


def _report_phase(args) -> dict:
    from services.training.domain.access import Actor

    with training_database(args.database_url) as url, _training(url) as (training, _client, _headers):
        seeded = report.seed(training.db)
        timing = report.report_against_count(training, Actor("bench", frozenset({"me_officer"})),
                                             args.repeats)
    return {"seeded": seeded, **timing, "aim": REPORT_AIM, "met": timing["ratio"] < REPORT_AIM}


class _training:
    """Training's app on the bench's database: its runtime, a client, an admin's token."""

    def __init__(self, url: str):
        self.url = url

    def __enter__(self):
        from services.training.app import create_app
        from shared import config, tokens
        from shared.web.runtime import EXTENSION

        self.folder = tempfile.TemporaryDirectory(prefix="vidnova-training-bench-")
        settings = config.from_env("training", {
            "VIDNOVA_DATA_DIR": self.folder.name, "JWT_SECRET": "bench-" + "x" * 40,
            "TRAINING_DATABASE_URL": self.url, "VIDNOVA_DB_POOL_SIZE": "10", "VIDNOVA_LOG_LEVEL": "WARNING"})
        app = create_app(settings, configure_logging=False)
        self.training = app.extensions[EXTENSION]
        token = tokens.issue(settings.jwt, "bench-trainer", ["admin"])
        return self.training, app.test_client(), {"Authorization": f"Bearer {token}"}

    def __exit__(self, *exc):
        self.training.close()
        self.folder.cleanup()


def _course() -> dict:
    return {"title": "Bench course", "category": "business_skills", "hours": 24, "language": "uk",
            "provider": "Bench", "completion": {"min_attendance_percent": 80}}


def _table(results: dict) -> str:
    e, r = results["enrolment"], results["report"]
    verdict = "met" if r["met"] else "missed"
    return "\n".join([
        "training bench (PostgreSQL)",
        f"  enrolment, {results['options']['clients']} clients over {results['options']['cohorts']} cohorts:",
        f"    Vidnova        {e['vidnova']['per_second']:>10,.1f} requests/s  ({e['vidnova']['statuses']})",
        f"    plain inserts  {e['plain_inserts']['per_second']:>10,.1f} rows/s",
        f"    ratio          {e['ratio']:>10.3f}",
        f"  report over {r['seeded']['enrolments']:,} enrolments and {r['seeded']['attendance']:,} marks:",
        f"    report         {r['report_seconds'] * 1000:>10.1f} ms",
        f"    count(*)       {r['count_seconds'] * 1000:>10.1f} ms",
        f"    ratio          {r['ratio']:>10.2f}x  (aim < {REPORT_AIM:g}x: {verdict})",
    ])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.training", description=__doc__)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--cohorts", type=int, default=10)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
