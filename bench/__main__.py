"""``python -m bench`` (``make bench``): baseline, Vidnova throughput and latency in one
run; prints a table and writes the same figures to ``bench/results/<UTC timestamp>.json``."""

from __future__ import annotations

import logging
import signal
import sys

from bench import options
from bench.run import run


def main(argv: list[str] | None = None) -> int:
    args = options.parse(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    signal.signal(signal.SIGTERM, _exit_cleanly)  # so the sandbox is removed on SIGTERM too
    result = run(args)
    print()
    print(result.table())
    print(f"\nbench: figures written to {result.save()}")
    return 0


def _exit_cleanly(signum, _frame) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
