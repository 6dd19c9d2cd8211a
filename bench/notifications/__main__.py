"""Run the notifications bench: see the package's docstring."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from datetime import UTC, datetime

from bench.notifications import latency, throughput
from bench.notifications.setup import corner
from bench.report import RESULTS_DIR
from bench.versions import machine
from shared import config

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test"
DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672//"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    started_at = datetime.now(UTC)
    with corner(args.amqp_url, args.database_url) as (env, kannel, _web):
        settings = config.from_env("notifications", env)
        from services.notifications.service import SERVICE

        runtime = SERVICE.bootstrap(settings)
        try:
            direct = throughput.direct_sendsms(kannel, args.messages)
            vidnova = throughput.through_notifications(runtime, kannel, args.messages)
            steady = latency.steady(settings, runtime, kannel, args.events, args.rate)
        finally:
            runtime.close()
    results = {"throughput": {"direct_sendsms": direct, "vidnova": vidnova,
                              "ratio": round(vidnova["per_second"] / direct["per_second"], 3)},
               "latency": steady, "started_at": started_at.isoformat(), "machine": machine(),
               "options": vars(args) | {"database_url": "(given)", "amqp_url": "(given)"}}
    print(_table(results))
    path = RESULTS_DIR / f"notifications-{started_at.strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    print(f"\nbench: figures written to {path}")
    return 0


def _table(results: dict) -> str:
    t, lat = results["throughput"], results["latency"]
    return "\n".join([
        "notifications: SMS through Kannel to its fake SMSC",
        f"  direct sendsms       {t['direct_sendsms']['per_second']:>8} msg/s "
        f"({t['direct_sendsms']['arrived']}/{t['direct_sendsms']['messages']} arrived)",
        f"  through Vidnova      {t['vidnova']['per_second']:>8} msg/s "
        f"({t['vidnova']['arrived']}/{t['vidnova']['messages']} arrived)  ratio {t['ratio']}",
        f"  event to SMS at {lat['rate_per_second']}/s: p50 {lat['p50_ms']} ms, p99 {lat['p99_ms']} ms, "
        f"max {lat['max_ms']} ms ({lat['events']} events)",
        f"  machine: {results['machine']}"])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.notifications", description=__doc__)
    parser.add_argument("--messages", type=int, default=500, help="messages in each throughput phase")
    parser.add_argument("--events", type=int, default=300, help="events in the latency phase")
    parser.add_argument("--rate", type=float, default=20.0, help="events a second in the latency phase")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--amqp-url", default=os.environ.get("AMQP_URL", DEFAULT_AMQP_URL))
    return parser


if __name__ == "__main__":
    sys.exit(main())
