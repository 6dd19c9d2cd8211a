"""Run grants' bench: ``python -m bench.grants [--database-url URL]``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.grants import phases, seed
from bench.grants.world import describe, grants_runtime
from bench.report import RESULTS_DIR
from bench.versions import machine

AIM_BUDGET_RATIO = 10.0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    started_at = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="vidnova-bench-grants-") as folder, \
            grants_runtime(Path(folder), args.database_url) as runtime:
        _say(f"seeding {args.grants} grants and {3 * args.grants} tranches ...")
        programme_ids = [seed.programme(runtime, "1000000000.00") for _ in range(10)]
        seed.grants_and_tranches(runtime, args.grants, programme_ids)
        _say("timing the reports beside count(*) ...")
        reading = phases.reading(runtime, args.repeats)
        _say(f"seeding {args.approvals} plans ready for a decision ...")
        one_envelope = seed.programme(runtime, "1000000000.00")
        plans = seed.plans_to_decide(runtime, args.approvals, one_envelope)
        _say(f"{args.officers} officers approving at once ...")
        approving = phases.approvals(runtime, plans, args.officers)
        _say(f"{args.officers} writers inserting plainly ...")
        plain = phases.plain_inserts(runtime, args.approvals, args.officers)
        result = {"started_at": started_at.isoformat(), "database": describe(runtime),
                  "machine": machine(), "grants": args.grants, "tranches": 3 * args.grants,
                  "officers": args.officers, "reading": reading, "approving": approving,
                  "plain_inserts": plain,
                  "approval_ratio": approving["per_second"] / plain["per_second"]}
    print(table(result))
    print(f"\nbench: figures written to {_save(result, started_at)}")
    return 0


def table(result: dict) -> str:
    reading, approving, plain = result["reading"], result["approving"], result["plain_inserts"]
    met = "met" if reading["budget_ratio"] < AIM_BUDGET_RATIO else "MISSED"
    return "\n".join([
        f"grants bench on {result['database']}: {result['grants']} grants, "
        f"{result['tranches']} tranches",
        f"  count(*) of grants and tranches   {reading['count_ms']:9.1f} ms",
        f"  budget report                     {reading['budget_report_ms']:9.1f} ms   "
        f"{reading['budget_ratio']:5.1f}x the counts (aim < {AIM_BUDGET_RATIO:g}x: {met})",
        f"  grants report (for the record)    {reading['grants_report_ms']:9.1f} ms   "
        f"{reading['grants_ratio']:5.1f}x the counts",
        f"  approvals, {result['officers']} officers, one envelope  {approving['per_second']:9.1f} /s "
        f"({approving['approvals']} committed, {approving['refused']} refused)",
        f"  plain inserts, as many writers    {plain['per_second']:9.1f} /s",
        f"  approvals / plain inserts         {result['approval_ratio']:9.2f}",
    ])


def _save(result: dict, started_at: datetime) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"grants-{started_at.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(result, indent=2, default=str))
    return path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.grants", description=__doc__)
    parser.add_argument("--database-url", help="a PostgreSQL server (default: SQLite files)")
    parser.add_argument("--grants", type=int, default=20000)
    parser.add_argument("--approvals", type=int, default=1000)
    parser.add_argument("--officers", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=7)
    return parser


def _say(what: str) -> None:
    print(f"bench: {what}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
