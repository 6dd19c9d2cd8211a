"""A service's periodic job runs in its worker at once, then round after round; a failed
round is logged and does not stop the next."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from types import SimpleNamespace

from services.intake.service import SERVICE
from shared.db import Database
from shared.periodic_jobs import PeriodicJob, run_periodically
from shared.worker import Worker
from tests.support.waiting import eventually


class Rounds:
    def __init__(self, failing: set[int] = frozenset()):
        self.done, self.failing = [], failing

    def run(self, runtime) -> None:
        self.done.append(runtime)
        if len(self.done) in self.failing:
            raise RuntimeError("the database went away")


def started(rounds: Rounds, interval: float = 0.01) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    job = PeriodicJob(run=rounds.run, interval=lambda runtime: interval)
    thread = threading.Thread(target=run_periodically, args=("sweep", job, "runtime", stop))
    thread.start()
    return thread, stop


def test_a_job_runs_at_once_then_every_interval_with_the_runtime_until_stopped():
    rounds = Rounds()
    thread, stop = started(rounds)

    eventually(lambda: len(rounds.done) >= 3, what="three rounds")
    stop.set()
    thread.join(5)

    assert not thread.is_alive()
    assert set(rounds.done) == {"runtime"}


def test_a_failed_round_is_logged_and_the_next_comes_as_usual(caplog):
    rounds = Rounds(failing={1})
    with caplog.at_level(logging.WARNING, "vidnova.worker"):
        thread, stop = started(rounds)
        eventually(lambda: len(rounds.done) >= 2, what="the round after the failed one")
        stop.set()
        thread.join(5)

    [failed] = [r for r in caplog.records if r.getMessage().startswith("periodic job failed")]
    assert (failed.job, failed.error) == ("sweep", "RuntimeError")


def test_a_stop_ends_the_wait_between_rounds():
    rounds = Rounds()
    thread, stop = started(rounds, interval=3600)
    eventually(lambda: rounds.done, what="the first round")

    stop.set()
    thread.join(5)

    assert not thread.is_alive() and len(rounds.done) == 1


def test_a_job_woken_by_commits_runs_every_interval_where_nothing_notifies(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'jobs.db'}")  # SQLite: no LISTEN/NOTIFY
    rounds, stop = Rounds(), threading.Event()
    job = PeriodicJob(run=rounds.run, interval=lambda runtime: 0.01, woken_by="jobs_woken")
    thread = threading.Thread(target=run_periodically,
                              args=("sweep", job, SimpleNamespace(db=db), stop))
    thread.start()
    try:
        eventually(lambda: len(rounds.done) >= 3, what="three rounds")
    finally:
        stop.set()
        thread.join(5)
        db.dispose()
    assert not thread.is_alive()


def test_a_worker_runs_each_of_its_services_periodic_jobs_with_its_runtime(intake_app,
                                                                           intake_settings):
    seen = []
    service = replace(SERVICE, periodic_jobs={"probe": PeriodicJob(run=seen.append,
                                                                    interval=lambda runtime: 3600)})
    worker = Worker(service, intake_settings).start()
    try:
        eventually(lambda: seen, what="the job's first round")
    finally:
        worker.stop()

    assert seen == [worker.runtime]
