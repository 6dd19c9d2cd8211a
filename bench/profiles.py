"""Where the relay and the consumer spend their time: each run under ``cProfile`` in
its own thread of its worker process (a separate phase, so the profiler's cost is in no
other figure), the statistics saved in ``bench/results/`` and the hottest functions
summed up for the table."""

from __future__ import annotations

import cProfile
import pstats
import threading
from collections.abc import Callable
from pathlib import Path

RELAY, CONSUMER = "relay", "consumer"
HOTTEST = 8


def profiled(run: Callable[[threading.Event], None], path: Path):
    """``run`` (a relay's or consumer's) profiled, its statistics saved at ``path`` when
    it returns."""

    def profiled_run(stop: threading.Event) -> None:
        profile = cProfile.Profile()
        profile.enable()
        try:
            run(stop)
        finally:
            profile.disable()
            profile.dump_stats(str(path))

    return profiled_run


def hottest(path: Path, count: int = HOTTEST) -> list[tuple[str, float, float]]:
    """The functions with the most time of their own: (where, own seconds, share of
    the thread's busy time), idle waiting for the network left out."""
    stats = pstats.Stats(str(path)).stats
    rows = [(_where(key), own) for key, (_calls, _n, own, _cum, _callers) in stats.items()
            if not _waiting(key)]
    busy = sum(own for _, own in rows) or 1.0
    rows.sort(key=lambda row: row[1], reverse=True)
    return [(where, own, own / busy) for where, own in rows[:count]]


def _where(key: tuple[str, int, str]) -> str:
    filename, line, function = key
    if filename == "~":
        return function
    parts = Path(filename).parts
    tail = "/".join(parts[parts.index("site-packages") + 1:] if "site-packages" in parts
                    else parts[-2:])
    return f"{tail}:{line}({function})"


def _waiting(key: tuple[str, int, str]) -> bool:
    """Blocked on a socket or a lock (a read from a socket counted as waiting, as it
    mostly is): the thread had nothing to do."""
    function = key[2]
    return any(name in function for name in ("select", "poll", "recv", "acquire", "wait",
                                              "sleep"))
