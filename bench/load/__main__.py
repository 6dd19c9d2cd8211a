"""Run the load bench: see the package's docstring."""

from __future__ import annotations

import argparse
import functools
import json
import logging
import math
import os
import signal
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.load import figures, journeys
from bench.load.depths import DepthSampler
from bench.notifications.arrivals import Arrivals
from bench.options import DEFAULT_AMQP_URL, DEFAULT_DATABASE_URL
from bench.report import RESULTS_DIR
from bench.versions import machine
from tests.support.journey_steps import Offer
from tests.support.platform import Platform
from tests.support.process_platform import ProcessPlatform

AIM_WELCOME_P99_MS = 1000.0
ENVELOPE = "1000000000.00"  # room for every person's grant in one programme
SMS_DEADLINE = 300.0  # seconds the last SMS may take after the last journey


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    signal.signal(signal.SIGTERM, _exit_cleanly)  # the processes and databases removed then too
    started_at, machine_at_start = datetime.now(UTC), machine()
    with tempfile.TemporaryDirectory(prefix="vidnova-bench-load-") as folder:
        platform = Platform(args.amqp_url, args.database_url, Path(folder),
                            {"NOTIFICATIONS_RATE_LIMIT": str(args.sms_rate)}).create()
        try:
            running = ProcessPlatform(platform, Path(folder), args.amqp_url, webs=args.webs,
                                      workers=args.workers)
            try:
                _say(f"{args.webs} web(s) and {args.workers} worker(s) per service started")
                running.start()
                phases = _phases(args, platform, running)
            finally:
                running.stop()
        finally:
            platform.destroy()
    result = {"started_at": started_at.isoformat(),
              "machine": {"start": machine_at_start, "end": machine()},
              "settings": {"webs": args.webs, "workers": args.workers,
                           "sms_rate_limit": args.sms_rate},
              "aim_welcome_p99_ms": AIM_WELCOME_P99_MS,
              **{name: phase.as_dict() for name, phase in phases.items()}}
    print(table(result))
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"load-{started_at:%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(result, indent=2, default=str))
    print(f"\nbench: figures written to {path}")
    return 1 if any(phase.failures for phase in phases.values()) else 0


def _phases(args, platform: Platform, running: ProcessPlatform) -> dict[str, figures.Phase]:
    # Staff sign in once and keep their token (8 hours), as the portal's users do.
    token = functools.lru_cache(maxsize=None)(platform.token)
    offer = Offer.set_up(running.urls, token, envelope_total=ENVELOPE)
    done = {}
    with Arrivals(running.kannel) as arrivals:
        for name, people, clients, first in (
                ("baseline", args.baseline_people, 1, 0),
                ("load", args.people, args.clients, args.baseline_people)):
            _say(f"{name}: {people} people through the journey, {clients} client(s) at once")
            cpu, began = time.process_time(), datetime.now(UTC)
            with DepthSampler(platform, args.sample_interval) as sampler:
                timed = journeys.take_many_through(running.urls, token, offer,
                                                   range(first, first + people), clients)
                _wait_for_sms(arrivals, timed)
                waits = sampler.welcome_waits(began)
            done[name] = figures.phase(timed, clients, arrivals.parts, sampler.peaks(),
                                       time.process_time() - cpu, waits)
    return done


def _wait_for_sms(arrivals: Arrivals, people: list[journeys.Timed]) -> None:
    """Until every completed journey's SMS reached the fake SMSC, or the deadline."""
    deadline = time.monotonic() + SMS_DEADLINE
    while time.monotonic() < deadline and any(
            len(arrivals.parts.get(person.phone, ())) < figures.expected_parts(person)
            for person in people if not person.failure):
        time.sleep(0.2)


def table(result: dict) -> str:
    base, load = result["baseline"], result["load"]
    aim = result["aim_welcome_p99_ms"]
    met = "met" if load["welcome_ms"]["p99"] < aim else "MISSED"
    lines = [
        f"load: the journey (registration to tranche 2 paid) over HTTP, "
        f"{result['settings']['webs']} web + {result['settings']['workers']} worker per service",
        f"  journeys/s, {load['clients']} clients        {load['journeys_per_second']:8.2f}   "
        f"{load['completed']} of {load['people']} in {load['seconds']:.1f} s",
        f"  journeys/s, 1 client (baseline) {base['journeys_per_second']:8.2f}   "
        f"{base['completed']} of {base['people']}; {load['clients']} clients "
        f"{_ratio(load['journeys_per_second'], base['journeys_per_second'])}x",
        f"  registration > welcome SMS p50  {load['welcome_ms']['p50']:8.0f} ms "
        f"(1 client: {base['welcome_ms']['p50']:.0f} ms)",
        f"  registration > welcome SMS p99  {load['welcome_ms']['p99']:8.0f} ms "
        f"(1 client: {base['welcome_ms']['p99']:.0f} ms; aim < {aim:.0f} ms: {met}); "
        f"max {load['welcome_ms']['max']:.0f} ms",
        f"    of which queued > claimed p50 {load['welcome_queued_ms']['p50']:8.0f} ms, "
        f"p99 {load['welcome_queued_ms']['p99']:.0f} ms (1 client: "
        f"{base['welcome_queued_ms']['p50']:.0f}, {base['welcome_queued_ms']['p99']:.0f} ms)",
        f"  SMS parts at the fake SMSC      {load['sms_parts']['arrived']:8d}   "
        f"of {load['sms_parts']['expected']} expected; last "
        f"{load['sms_parts']['settled_seconds_after_last_journey']:.1f} s after the last journey",
        "  peak depths while loaded (baseline's in brackets):",
        *[f"    {measure:<44} {peak:6d}  ({base['peaks'].get(measure, 0)})"
          for measure, peak in load["peaks"].items()],
        f"  the bench's own CPU (clients, sampler, SMSC follower) {load['bench_cpu_seconds']:.1f} s",
        f"  machine: {result['machine']['start']['cpus']} CPUs, load "
        f"{result['machine']['start']['load_1min']:.1f} at start, "
        f"{result['machine']['end']['load_1min']:.1f} at end",
    ]
    for name in ("baseline", "load"):
        if result[name]["failed"]:
            lines.append(f"  FAILED {name}: {result[name]['failed']} journeys; first: "
                         f"{result[name]['failures'][0]}")
    return "\n".join(lines)


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b and not math.isnan(b) else "n/a"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--people", type=int, default=1000, help="journeys in the load phase")
    parser.add_argument("--clients", type=int, default=8, help="journeys driven at once")
    parser.add_argument("--baseline-people", type=int, default=20,
                        help="journeys driven one after another first (the baseline)")
    parser.add_argument("--webs", type=int, default=1, help="web processes per service")
    parser.add_argument("--workers", type=int, default=1, help="worker processes per service")
    parser.add_argument("--sms-rate", type=float, default=100.0,
                        help="SMS a second notifications may give Kannel (its rate limit)")
    parser.add_argument("--sample-interval", type=float, default=0.25,
                        help="seconds between two samples of the queue depths")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--amqp-url", default=os.environ.get("AMQP_URL", DEFAULT_AMQP_URL))
    return parser


def _exit_cleanly(signum, _frame) -> None:
    raise SystemExit(128 + signum)


def _say(what: str) -> None:
    print(f"bench: {what} ...", file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
