"""Imports whose process dies outright, and time passing after it (tests only)."""

from __future__ import annotations

import multiprocessing
import os
import signal
from datetime import timedelta

from sqlalchemy import update

from services.intake.adapters import import_store as store
from services.intake.adapters.tables import imports
from services.intake.usecases.imports import Importer, Upload
from shared.clock import utcnow
from shared.web.runtime import runtime


def kill_after(importer: Importer, upload: Upload, batches: int, timeout: float = 120) -> None:
    """Run the import in a forked process that SIGKILLs itself once ``batches`` batches
    are committed: nothing of the runner's own clean-up runs, as when a machine dies."""
    def run() -> None:
        def progress(done: store.Counts) -> None:
            if done.total_rows >= batches * importer.batch_size:
                os.kill(os.getpid(), signal.SIGKILL)
        importer.run(upload, progress)
        os._exit(3)  # the import finished: the kill never came

    child = multiprocessing.get_context("fork").Process(target=run)
    child.start()
    child.join(timeout)
    assert child.exitcode == -signal.SIGKILL


def beat_ago(app, delay: timedelta) -> None:
    """Age every import's heartbeat, as if ``delay`` had passed since its last batch."""
    with app.app_context(), runtime().db.transaction() as session:
        session.execute(update(imports).values(heartbeat_at=utcnow() - delay))
