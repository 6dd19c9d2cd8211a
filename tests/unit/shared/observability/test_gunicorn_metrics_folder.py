"""gunicorn's master names the folder its workers count in before it forks them: a folder
it was given is emptied of a previous run's values and left when it stops; one it made
is owner-only and removed when it stops."""

import stat
from pathlib import Path

from shared.web import gunicorn_metrics


def test_a_folder_given_is_emptied_of_a_previous_runs_values_and_kept(tmp_path):
    given = tmp_path / "metrics"
    given.mkdir()
    (given / "counter_4242.db").write_bytes(b"old counts")
    environ = {gunicorn_metrics.VARIABLE: str(given)}

    assert gunicorn_metrics.prepare_folder(environ) == str(given)
    assert list(given.iterdir()) == []
    gunicorn_metrics.remove_folder(environ)
    assert given.is_dir()


def test_without_a_folder_the_master_makes_an_owner_only_one_and_removes_it_at_exit():
    environ: dict[str, str] = {}

    made = Path(gunicorn_metrics.prepare_folder(environ))

    assert environ[gunicorn_metrics.VARIABLE] == str(made)  # the workers inherit its name
    assert stat.S_IMODE(made.stat().st_mode) == 0o700
    gunicorn_metrics.remove_folder(environ)
    assert not made.exists()
