"""``python -m bench``: baseline, Vidnova throughput and latency in one run; prints a table
and writes the same figures to ``bench/results/<UTC timestamp>.json``."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys

from sqlalchemy.engine import make_url

from bench import baseline, events, latency, report, throughput, versions
from bench.pipeline import Pipeline
from bench.sandbox import INTAKE, TRAINING, sandbox

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672//"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test"


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    signal.signal(signal.SIGTERM, _exit_cleanly)  # so clean-up runs on SIGTERM too
    database_url = _with_psycopg(args.database_url)
    started_at, machine_at_start = report.now(), versions.machine()
    body = events.sample_body()
    print(f"bench: {args.events:,} events per phase, {len(body)} B each ...", flush=True)
    with sandbox(args.amqp_url, database_url, dict(args.setting)) as box:
        consumer_settings = box.settings(TRAINING.name)
        print("bench: baseline (plain kombu) ...", flush=True)
        base = baseline.run(args.amqp_url, box.baseline_exchange(), box.baseline_queue_name(),
                            body, args.events, consumer_settings.consumer_prefetch,
                            args.baseline_queue, args.timeout)
        with Pipeline(box) as pipeline:
            throughput.warm_up(pipeline, args.timeout)
            print("bench: vidnova path (outbox, relay, consumer) ...", flush=True)
            path = throughput.run(pipeline, args.events, args.writers, args.timeout)
            print(f"bench: latency at {args.rate:g} events/s for {args.latency_seconds:g} s ...",
                  flush=True)
            steady = latency.run(pipeline, args.rate, args.latency_seconds, args.timeout)
        relay_settings = box.settings(INTAKE.name)
        result = report.Report(
            started_at=started_at,
            versions=versions.describe(args.amqp_url, database_url),
            machine={"start": machine_at_start, "end": versions.machine()},
            settings={"relay_batch_size": relay_settings.relay_batch_size,
                      "relay_poll_interval": relay_settings.relay_poll_interval,
                      "consumer_prefetch": consumer_settings.consumer_prefetch,
                      "overrides": dict(args.setting)},
            payload_bytes=len(body), baseline=base, vidnova=path, latency=steady)
    print()
    print(result.table())
    print(f"\nbench: figures written to {result.save()}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--events", type=_positive(int), default=5000, metavar="N",
                        help="events per throughput phase (default 5000)")
    parser.add_argument("--rate", type=_positive(float), default=200.0,
                        help="offered events/s in the latency phase (default 200)")
    parser.add_argument("--latency-seconds", type=_positive(float), default=5.0,
                        help="length of the latency phase (default 5)")
    parser.add_argument("--writers", type=_positive(int), default=4,
                        help="concurrent writer threads, like web requests (default 4)")
    parser.add_argument("--baseline-queue", choices=("quorum", "classic"), default="quorum",
                        help="queue type of the baseline (default quorum, as Vidnova's)")
    parser.add_argument("--setting", action="append", type=_setting, default=[],
                        metavar="NAME=VALUE",
                        help="a Vidnova setting for this run, e.g. VIDNOVA_RELAY_BATCH_SIZE=500")
    parser.add_argument("--amqp-url", default=os.environ.get("AMQP_URL", DEFAULT_AMQP_URL))
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL",
                                                                 DEFAULT_DATABASE_URL),
                        help="a PostgreSQL server where this run may create databases")
    parser.add_argument("--timeout", type=_positive(float), default=300.0,
                        help="seconds a phase may take before the run fails (default 300)")
    return parser


def _positive(kind):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive: {text}")
        return value

    return parse


def _setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE: {text}")
    return name, value


def _with_psycopg(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _exit_cleanly(signum, _frame) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
