"""The figures of one run: as a table for people, as JSON for the record."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bench.baseline import BaselineResult
from bench.latency import LatencyResult
from bench.throughput import DrainResult, ThroughputResult

if TYPE_CHECKING:  # the Celery phases write their logs here: no import back
    from bench.celery_baseline import CeleryRun
    from bench.celery_loss import LossLedger

RESULTS_DIR = Path(__file__).parent / "results"
AIM_RATIO = 0.5
AIM_DRAIN_RATIO = 0.5
AIM_P99_MS = 10.0
AIM_OVER_CELERY = 3.0  # Vidnova's events/s at least this many times Celery's
SATURATION_SHARE = 0.8  # above this share of capacity, latency measures a queue


@dataclass(frozen=True)
class Report:
    started_at: datetime
    versions: dict[str, str]
    machine: dict[str, dict[str, float]]  # "start" and "end"
    settings: dict[str, object]
    payload_bytes: int
    baseline: BaselineResult
    vidnova: ThroughputResult
    drain: DrainResult
    latency: LatencyResult
    profiles: dict[str, list[tuple[str, float, float]]]  # part -> hottest functions
    celery: list[CeleryRun]  # one per pool
    celery_outage: LossLedger | None  # None where no RabbitMQ server is installed here

    @property
    def celery_best(self) -> CeleryRun:
        return max(self.celery, key=lambda run: run.events_per_second)

    @property
    def over_celery(self) -> float:
        return self.vidnova.events_per_second / self.celery_best.events_per_second

    @property
    def over_celery_met(self) -> bool:
        return self.over_celery >= AIM_OVER_CELERY

    @property
    def p50_vs_celery_met(self) -> bool:
        return self.latency.p50_ms <= self.celery_best.p50_ms

    @property
    def ratio(self) -> float:
        return self.vidnova.events_per_second / self.baseline.events_per_second

    @property
    def drain_ratio(self) -> float:
        return self.drain.events_per_second / self.baseline.events_per_second

    @property
    def ratio_met(self) -> bool:
        return self.ratio >= AIM_RATIO

    @property
    def drain_ratio_met(self) -> bool:
        return self.drain_ratio >= AIM_DRAIN_RATIO

    @property
    def p99_met(self) -> bool:
        return self.latency.p99_ms < AIM_P99_MS

    def as_dict(self) -> dict:
        return {
            "started_at": self.started_at.isoformat(),
            "events": self.vidnova.events,
            "payload_bytes": self.payload_bytes,
            "versions": self.versions,
            "machine": self.machine,
            "settings": self.settings,
            "baseline": {**asdict(self.baseline), "seconds": self.baseline.seconds,
                         "events_per_second": self.baseline.events_per_second},
            "vidnova": {**asdict(self.vidnova),
                        "events_per_second": self.vidnova.events_per_second},
            "ratio": self.ratio,
            "drain": {**asdict(self.drain), "events_per_second": self.drain.events_per_second,
                      "relay_events_per_second": self.drain.relay_events_per_second,
                      "ratio": self.drain_ratio},
            "latency": asdict(self.latency),
            "profiles": {part: [{"function": where, "own_seconds": own, "share": share}
                                for where, own, share in rows]
                         for part, rows in self.profiles.items()},
            "celery": [{**asdict(run), "events_per_second": run.events_per_second}
                       for run in self.celery],
            "celery_outage": (None if self.celery_outage is None else
                              {**asdict(self.celery_outage), "lost": self.celery_outage.lost}),
            "vidnova_over_celery": self.over_celery,
            "aims": {"ratio_at_least": AIM_RATIO, "ratio_met": self.ratio_met,
                     "over_celery_at_least": AIM_OVER_CELERY,
                     "over_celery_met": self.over_celery_met,
                     "p50_no_worse_than_celery": self.p50_vs_celery_met,
                     "drain_ratio_at_least": AIM_DRAIN_RATIO,
                     "drain_ratio_met": self.drain_ratio_met,
                     "p99_ms_below": AIM_P99_MS, "p99_met": self.p99_met},
            "notes": self.notes(),
        }

    def table(self) -> str:
        b, v, d, lat = self.baseline, self.vidnova, self.drain, self.latency
        rows = [
            ("baseline: plain kombu", f"{b.events_per_second:,.0f} events/s",
             f"{b.queue_type} queue, no confirms; median of {len(b.rounds_seconds)} rounds"),
            ("vidnova: outbox > relay > consumer", f"{v.events_per_second:,.0f} events/s",
             f"{v.writers} writer processes, the two workers"),
            ("ratio vidnova / baseline", f"{self.ratio:.2f}",
             f"aim >= {AIM_RATIO:.2f}: {_verdict(self.ratio_met)}"),
            ("vidnova drain: relay > consumer", f"{d.events_per_second:,.0f} events/s",
             f"outbox pre-filled; relay alone {d.relay_events_per_second:,.0f}/s"),
            ("ratio drain / baseline", f"{self.drain_ratio:.2f}",
             f"aim >= {AIM_DRAIN_RATIO:.2f}: {_verdict(self.drain_ratio_met)}"),
            ("latency p50 commit > handler", f"{lat.p50_ms:.1f} ms",
             f"at {lat.achieved_rate:.0f}/s of {lat.offered_rate:.0f}/s offered"),
            ("latency p99 commit > handler", f"{lat.p99_ms:.1f} ms",
             f"aim < {AIM_P99_MS:.0f} ms: {_verdict(self.p99_met)}"),
            ("latency max", f"{lat.max_ms:.1f} ms", f"{lat.events} events"),
            ("  commit > relay marked sent", _pair(lat.relay_ms),
             "p50 / p99: outbox poll, publish, confirms"),
            ("  handler start > effect committed", _pair(lat.applying_ms),
             "p50 / p99: consumer's transaction"),
            *self._celery_rows(),
            ("CPU per event: baseline", _cpu_total(b.cpu_ms_per_event),
             _cpu_parts(b.cpu_ms_per_event)),
            ("CPU per event: vidnova", _cpu_total(v.cpu_ms_per_event),
             _cpu_parts(v.cpu_ms_per_event)),
            ("CPU per event: vidnova drain", _cpu_total(d.cpu_ms_per_event),
             _cpu_parts(d.cpu_ms_per_event)),
            ("vidnova stages (s from start)",
             f"{v.writes_seconds:.2f} / {v.published_seconds:.2f} / {v.applied_seconds:.2f}",
             "last commit / last marked sent / last effect committed"),
            ("events per phase (N)", f"{v.events:,}", f"{self.payload_bytes} B per message"),
            ("servers", f"RabbitMQ {self.versions['rabbitmq']}",
             f"PostgreSQL {self.versions['postgresql']}"),
            ("machine", f"{self.machine['start']['cpus']} CPUs",
             f"load {self.machine['start']['load_1min']:.1f} at start, "
             f"{self.machine['end']['load_1min']:.1f} at end"),
        ]
        left = max(len(r[0]) for r in rows)
        middle = max(len(r[1]) for r in rows)
        title = f"Vidnova event path benchmark, {self.started_at:%Y-%m-%d %H:%M:%S} UTC"
        lines = [title, "-" * len(title)]
        lines += [f"{name:<{left}}  {value:>{middle}}  {note}" for name, value, note in rows]
        for part, hottest in self.profiles.items():
            lines.append(f"hottest in the {part} (own time, share of its busy time):")
            lines += [f"  {share:6.1%}  {own:7.3f} s  {where}" for where, own, share in hottest]
        lines += [f"note: {note}" for note in self.notes()]
        return "\n".join(lines)

    def _celery_rows(self) -> list[tuple[str, str, str]]:
        best, lat = self.celery_best, self.latency
        others = ", ".join(f"{run.pool} {run.events_per_second:,.0f}/s" for run in self.celery
                           if run is not best)
        rows = [
            (f"celery ({best.pool} pool, the faster)", f"{best.events_per_second:,.0f} events/s",
             f"commit, then apply_async; acks late, quorum queue, confirms; {others}"),
            ("ratio vidnova / celery", f"{self.over_celery:.2f}",
             f"aim >= {AIM_OVER_CELERY:.1f}: {_verdict(self.over_celery_met)}"),
            ("celery p50 / p99 commit > task start", f"{best.p50_ms:.1f} / {best.p99_ms:.1f} ms",
             f"at {lat.offered_rate:.0f}/s offered; vidnova's p50 {lat.p50_ms:.1f} ms no worse: "
             f"{_verdict(self.p50_vs_celery_met)}"),
            ("CPU per event: celery", _cpu_total(best.cpu_ms_per_event),
             _cpu_parts(best.cpu_ms_per_event)),
        ]
        if self.celery_outage is not None:
            o = self.celery_outage
            rows.append(("celery, broker stopped mid-run", f"{o.lost} of {o.committed} lost",
                         f"committed {o.committed}, published {o.published}, publish failed "
                         f"{o.refused}, applied {o.applied} (vidnova's outbox keeps them)"))
        return rows

    def notes(self) -> list[str]:
        """What a reader must know to trust the figures."""
        found = []
        if self.latency.offered_rate > SATURATION_SHARE * self.vidnova.events_per_second:
            found.append(f"{self.latency.offered_rate:g}/s offered is over "
                         f"{SATURATION_SHARE:.0%} of the path's capacity "
                         f"({self.vidnova.events_per_second:,.0f}/s): the latency includes "
                         "queueing")
        cpus = self.machine["start"]["cpus"]
        if max(m["load_1min"] for m in self.machine.values()) > cpus:
            found.append(f"the machine was busy (load above {cpus}): figures are noisy, "
                         "compare runs on a quiet machine")
        return found

    def save(self, directory: Path = RESULTS_DIR) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.started_at:%Y%m%dT%H%M%SZ}.json"
        path.write_text(json.dumps(self.as_dict(), indent=2) + "\n")
        return path


def now() -> datetime:
    return datetime.now(UTC)


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def _cpu_total(parts: dict[str, float]) -> str:
    return f"{sum(parts.values()):.2f} ms" if parts else "n/a"


def _cpu_parts(parts: dict[str, float]) -> str:
    """The parties that used any CPU, biggest first."""
    ranked = sorted(((ms, party) for party, ms in parts.items() if ms >= 0.005), reverse=True)
    return ", ".join(f"{party} {ms:.2f}" for ms, party in ranked)


def _pair(values: tuple[float, float]) -> str:
    return f"{values[0]:.1f} / {values[1]:.1f} ms"
