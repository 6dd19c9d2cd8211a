"""The timed phases: the reports beside plain counts; approvals beside plain inserts."""

from __future__ import annotations

import statistics
import threading
import time
import uuid

from sqlalchemy import Column, MetaData, String, Table, func, select

from services.grants.adapters.tables import grant_agreements, tranches
from services.grants.domain.decisions import APPROVE, Decision
from services.grants.usecases import reports
from services.grants.usecases.decisions import decide
from shared.tokens import Principal

OFFICER = Principal("gina", frozenset({"grant_officer"}))


def median_seconds(work, repeats: int) -> float:
    """The median of ``repeats`` timings of ``work()``, after one untimed warm-up."""
    work()
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def counts(runtime) -> None:
    with runtime.reading() as session:
        session.execute(select(func.count()).select_from(grant_agreements)).scalar_one()
        session.execute(select(func.count()).select_from(tranches)).scalar_one()


def reading(runtime, repeats: int) -> dict:
    count_s = median_seconds(lambda: counts(runtime), repeats)
    budget_s = median_seconds(lambda: reports.budget_report(runtime), repeats)
    grants_s = median_seconds(lambda: reports.grants_overview(runtime, None), max(1, repeats // 2))
    return {"count_ms": count_s * 1000, "budget_report_ms": budget_s * 1000,
            "budget_ratio": budget_s / count_s, "grants_report_ms": grants_s * 1000,
            "grants_ratio": grants_s / count_s}


def concurrently(officers: int, items: list, act) -> tuple[float, list]:
    """``act(item)`` for every item, by ``officers`` threads at once; (seconds, outcomes)."""
    queue, lock, outcomes = list(items), threading.Lock(), []
    start = threading.Barrier(officers + 1)

    def officer() -> None:
        start.wait()
        while True:
            with lock:
                if not queue:
                    return
                item = queue.pop()
            try:
                act(item)
                outcome = "ok"
            except Exception as exc:  # counted and reported: the bench must not hide refusals
                outcome = type(exc).__name__
            with lock:
                outcomes.append(outcome)

    threads = [threading.Thread(target=officer) for _ in range(officers)]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, outcomes


def approvals(runtime, plan_ids: list[str], officers: int) -> dict:
    decision = Decision("gina", APPROVE, "viable")
    seconds, outcomes = concurrently(
        officers, plan_ids, lambda plan_id: decide(runtime, OFFICER, plan_id, decision))
    return {"approvals": outcomes.count("ok"), "refused": len(outcomes) - outcomes.count("ok"),
            "seconds": seconds, "per_second": outcomes.count("ok") / seconds}


def plain_inserts(runtime, count: int, writers: int) -> dict:
    """``count`` rows inserted by ``writers`` at once, a transaction each: the floor."""
    scratch = Table(f"bench_plain_{uuid.uuid4().hex[:8]}", MetaData(),
                    Column("id", String(36), primary_key=True), Column("payload", String(200)))
    scratch.create(runtime.db.engine)
    try:
        def insert(_n) -> None:
            with runtime.db.transaction() as session:
                session.execute(scratch.insert().values(id=str(uuid.uuid4()), payload="x" * 100))

        seconds, outcomes = concurrently(writers, list(range(count)), insert)
    finally:
        scratch.drop(runtime.db.engine)
    return {"inserts": outcomes.count("ok"), "seconds": seconds,
            "per_second": outcomes.count("ok") / seconds}
