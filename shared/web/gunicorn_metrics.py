"""gunicorn's side of the web processes' metrics (``deploy/gunicorn.conf.py``'s hooks).

gunicorn runs a request in one of several worker processes, each counting for itself;
``prometheus_client``'s multiprocess mode keeps each one's values in files of a folder
(``PROMETHEUS_MULTIPROC_DIR``) that ``/metrics`` adds up. The master names the folder when
it starts, before any worker is forked (so every worker inherits it and
``prometheus_client`` reads it at import), emptying one it was given (values of a
previous run would add up with this one's); it marks each worker that exits dead (its
live gauges go; its counts stay counted) and removes a folder it made when it stops.

Nothing here imports ``prometheus_client`` before the folder is named, and the master
must not either: the app is not preloaded (``preload_app = False``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import MutableMapping
from pathlib import Path

VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
MADE_HERE = "VIDNOVA_METRICS_DIR_MADE"  # set when the folder is the master's own


def prepare_folder(environ: MutableMapping[str, str] = os.environ) -> str:
    """The folder named in the environment, emptied, or a new owner-only one named there
    (the workers forked after inherit the name)."""
    if environ.get(VARIABLE):
        folder = Path(environ[VARIABLE])
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):
            stale.unlink()
    else:
        environ[VARIABLE] = environ[MADE_HERE] = tempfile.mkdtemp(prefix="vidnova-metrics-")
    return environ[VARIABLE]


def worker_exited(pid: int) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(pid)


def remove_folder(environ: MutableMapping[str, str] = os.environ) -> None:
    """The master's own folder removed when it stops; one it was given is left."""
    made = environ.get(MADE_HERE)
    if made and made == environ.get(VARIABLE):
        shutil.rmtree(made, ignore_errors=True)
