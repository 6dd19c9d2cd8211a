"""Where the CPU went during a phase, per event: this process, the writer processes,
each worker, PostgreSQL, RabbitMQ, and everything else on the machine (other people's
work included, as ``other``).

Read from ``/proc`` (Linux, servers on this machine); elsewhere the figures are empty.
PostgreSQL counts this run's own backends (found by database name in their process
titles) and the server's shared background processes, not other people's sessions.
RabbitMQ is one process and counts whole.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

PROC = Path("/proc")
CLIENT_BACKEND = re.compile(r"\(\d+\)|\[local\]")  # "... user db 127.0.0.1(5432) idle"


class Meter:
    def __init__(self, database_prefix: str, parties: Mapping[str, int] = MappingProxyType({})):
        """``parties``: name -> a process id, or a thread id of this process (that thread
        is then not counted as ``bench``)."""
        self.database_prefix, self.parties = database_prefix, dict(parties)

    def sample(self) -> dict[str, float]:
        """Seconds of CPU used so far by each party."""
        if not (PROC / "stat").exists():
            return {}
        threads = {name for name, pid in self.parties.items()
                   if (PROC / "self" / "task" / str(pid)).exists()}
        # /proc/<thread id>/stat shows the whole process; a thread's own is under task/
        seconds = {name: process_seconds(pid, own_thread=name in threads)
                   for name, pid in self.parties.items()}
        seconds["bench"] = time.process_time() - sum(seconds[name] for name in threads)
        seconds["postgresql"] = seconds["rabbitmq"] = 0.0
        for process in PROC.glob("[0-9]*"):
            name = _name(process)
            if name == "beam.smp":
                seconds["rabbitmq"] += process_seconds(int(process.name))
            elif name == "postgres" and self._ours_in_postgresql(process):
                seconds["postgresql"] += process_seconds(int(process.name))
        seconds["machine"] = _machine_busy()
        return seconds

    def per_event(self, before: dict[str, float], after: dict[str, float], events: int,
                  reported: Mapping[str, float] = MappingProxyType({})) -> dict[str, float]:
        """CPU milliseconds per event by party, ``other`` being the rest of the machine.
        ``reported``: seconds measured elsewhere and added (writer processes and their
        database sessions, which end before ``after`` is sampled)."""
        if not before or not after:
            return {}
        # Never below zero: a server process (another RabbitMQ node) may end meanwhile.
        used = {party: max(0.0, after[party] - before[party]) for party in before}
        for party, spent in reported.items():
            used[party] = used.get(party, 0.0) + spent
        machine = used.pop("machine")
        used["other"] = max(0.0, machine - sum(used.values()))
        return {party: round(spent * 1000 / events, 3) for party, spent in used.items()}

    def _ours_in_postgresql(self, process: Path) -> bool:
        title = _title(process)
        return self.database_prefix in title or not CLIENT_BACKEND.search(title)


def process_seconds(pid: int, own_thread: bool = False) -> float:
    """CPU seconds a process (or a thread of this process) has used; 0 once it is gone."""
    stat = (PROC / "self" / "task" / str(pid) if own_thread else PROC / str(pid)) / "stat"
    try:
        text = stat.read_text()
    except OSError:
        return 0.0
    fields = text[text.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def _name(process: Path) -> str:
    try:
        return (process / "comm").read_text().strip()
    except OSError:
        return ""


def _title(process: Path) -> str:
    try:
        return (process / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _machine_busy() -> float:
    fields = [int(f) for f in (PROC / "stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
