"""What a run can be told on the command line."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping

from sqlalchemy.engine import make_url

DEFAULT_AMQP_URL = "amqp://guest:guest@127.0.0.1:5672//"
DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test"


def parse(argv: list[str] | None = None,
          environ: Mapping[str, str] = os.environ) -> argparse.Namespace:
    """The run's options; the servers default to ``AMQP_URL`` and ``DATABASE_URL``, as
    for the integration tests."""
    args = _parser(environ).parse_args(argv)
    args.database_url = _with_psycopg(args.database_url)
    args.setting = dict(args.setting)
    return args


def _parser(environ: Mapping[str, str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Plain kombu against Vidnova's outbox > relay > consumer path, "
                    "on the same broker and database server, in one run.")
    parser.add_argument("--events", type=_positive(int), default=5000, metavar="N",
                        help="events per throughput phase (default 5000)")
    parser.add_argument("--rate", type=_positive(float), default=200.0,
                        help="offered events/s in the latency phase (default 200)")
    parser.add_argument("--latency-seconds", type=_positive(float), default=5.0,
                        help="length of the latency phase (default 5)")
    parser.add_argument("--writers", type=_positive(int), default=4,
                        help="concurrent writer processes, like web workers (default 4)")
    parser.add_argument("--baseline-queue", choices=("quorum", "classic"), default="quorum",
                        help="queue type of the baseline (default quorum, as Vidnova's)")
    parser.add_argument("--setting", action="append", type=_setting, default=[],
                        metavar="NAME=VALUE",
                        help="a Vidnova setting for this run (repeatable), "
                             "e.g. VIDNOVA_RELAY_POLL_INTERVAL=0.005")
    parser.add_argument("--amqp-url", default=environ.get("AMQP_URL", DEFAULT_AMQP_URL),
                        help="RabbitMQ (default $AMQP_URL or the local one)")
    parser.add_argument("--database-url",
                        default=environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
                        help="a PostgreSQL server where the run may create and drop its own "
                             "databases (default $DATABASE_URL or the local one)")
    parser.add_argument("--timeout", type=_positive(float), default=300.0,
                        help="seconds a phase may take before the run fails (default 300)")
    return parser


def _positive(kind):
    def parse_positive(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be positive: {text}")
        return value

    return parse_positive


def _setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE: {text}")
    return name, value


def _with_psycopg(url: str) -> str:
    """SQLAlchemy's URL for psycopg 3, the driver the services use."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)
