"""``python -m bench.intake_import``: how fast intake imports a file, beside plain inserts.

Writes N made-up, distinct people (names, birthdates and phones all different) as CSV
and as the HTCDS Excel template, then, each in a child process of its own so that its
peak memory is its own:

1. imports the CSV through ``Importer`` (validation, duplicate check, encryption under a
   new data key per person, events in the outbox: all the real work);
2. imports the Excel template (other people, same database);
3. inserts the CSV's rows plainly into a scratch table of the same database (SQLAlchemy
   Core, a transaction per batch as the import commits): the floor a row costs there.

SQLite files by default; ``--database-url`` names a PostgreSQL server where the run
creates its own databases and drops them at the end. Prints a table and writes the
figures to ``bench/results/intake-import-<UTC timestamp>.json``.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import sqlalchemy
from sqlalchemy import Column, Integer, MetaData, Table, Text, create_engine, insert, text
from sqlalchemy.engine import make_url

from bench.report import RESULTS_DIR
from bench.server import admin_statement
from bench.versions import machine

AIM_ROWS_PER_SECOND = 1000.0  # from CSV, with encryption and duplicate checks
STEPS = ("validation", "registration, all of it:", "  duplicate check", "  new data keys, committed",
         "  sealing, the keys included", "  events (outbox)")
HEADER = ["prs_FirstName", "prs_SecondName", "prs_Birthdate", "prs_Gender", "prs_MobilePhone",
          "prs_MailingCity", "prs_MailingState", "prs_MailingCountry", "con_Consent",
          "vic_TraffickingStatus", "vic_TypeOfExploitation", "cas_Status",
          "cas_ReferringOrganisation", "cas_IncomingReferralDate"]
LABELS = ["First Name", "Second Name", "Birthdate", "Gender", "Mobile Phone", "Mailing City",
          "Mailing State", "Mailing Country", "Consent", "Trafficking Status",
          "Type Of Exploitation", "Status", "Referring Organisation", "Incoming Referral Date"]


def person(n: int) -> list[str]:
    """Person ``n``: nobody else in the run has their name, birthdate or phone."""
    letters = "".join("abcdefghij"[int(digit)] for digit in f"{n:07d}")
    return [f"Iryna{letters}", f"Petrenko{letters}", f"{1970 + n % 35}-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "Feminine", f"+38067{n:07d}", "Lviv", "UA-46", "UA", "TRUE",
            "Actual victim of trafficking", "Forced labour", "Active", "La Strada Ukraine",
            "2026-05-04"]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started_at = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="vidnova-import-bench-") as folder, \
            _databases(Path(folder), args.database_url) as env:
        files = Path(folder)
        _say(f"writing {args.rows:,} people as CSV and {args.rows:,} others as the Excel template")
        csv_path = _write_csv(files / "cases.csv", range(args.rows))
        xlsx_path = _write_template(files / "cases.xlsx", range(args.rows, 2 * args.rows))
        phases = {}
        for name, phase, path in (("import CSV", _import, csv_path),
                                  ("import Excel", _import, xlsx_path),
                                  ("plain inserts", _plain_inserts, csv_path)):
            _say(name)
            phases[name] = _in_child(phase, env, str(path), args.breakdown and path == csv_path)
            phases[name]["file_bytes"] = path.stat().st_size
        database = _describe_database(env)
    result = {"started_at": started_at.isoformat(), "rows": args.rows, "database": database,
              "pgoptions": os.environ.get("PGOPTIONS"),  # e.g. -c plan_cache_mode=...
              "versions": {"python": platform.python_version(),
                           "sqlalchemy": sqlalchemy.__version__, "openpyxl": openpyxl.__version__},
              "machine": machine(), "aim_rows_per_second": AIM_ROWS_PER_SECOND, "phases": phases}
    print()
    print(table(result))
    path = _save(result, started_at)
    print(f"\nbench: figures written to {path}")
    return 0


# -- phases, each run in a child process -------------------------------------------------

def _import(env: dict[str, str], path: str, breakdown: bool) -> dict:
    from services.intake.bootstrap import bootstrap
    from services.intake.usecases.imports import Importer, Upload
    from shared import config

    importer = Importer(bootstrap(config.from_env("intake", env)))
    spent = _time_the_parts() if breakdown else Counter()
    rss_before = _max_rss()
    start = time.perf_counter()
    record = importer.run(Upload(Path(path), Path(path).name, "uk", "bench")).record
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rows_per_second": record["total_rows"] / seconds,
            "status": record["status"], "registered": record["registered"],
            "rejected": record["rejected"], "duplicates": record["duplicates"],
            "max_rss_bytes": _max_rss(), "rss_growth_bytes": _max_rss() - rss_before,
            "ms_per_row": {part: 1000 * s / record["total_rows"] for part, s in spent.items()}}


def _plain_inserts(env: dict[str, str], path: str, breakdown: bool) -> dict:
    from services.intake.usecases.imports import BATCH_SIZE
    from shared import config

    engine = create_engine(config.from_env("intake", env).database_url)
    table = Table("bench_plain_rows", MetaData(), Column("row_number", Integer, primary_key=True),
                  *(Column(name, Text) for name in HEADER))
    table.create(engine)
    rss_before = _max_rss()
    start = time.perf_counter()
    count = 0
    with open(path, encoding="utf-8", newline="") as file:
        rows = csv.DictReader(file)
        while batch := [{"row_number": count + i + 2, **row}
                        for i, row in zip(range(BATCH_SIZE), rows, strict=False)]:
            with engine.begin() as connection:
                connection.execute(insert(table), batch)
            count += len(batch)
    seconds = time.perf_counter() - start
    table.drop(engine)
    engine.dispose()
    return {"seconds": seconds, "rows_per_second": count / seconds, "rows": count,
            "max_rss_bytes": _max_rss(), "rss_growth_bytes": _max_rss() - rss_before}


def _time_the_parts() -> Counter:
    """Seconds spent in the steps of a row, by step (wrapped for this child only)."""
    from services.intake.adapters.duplicates import DuplicateCheck
    from services.intake.adapters.keystore.store import KeyStore
    from services.intake.adapters.personal_data import PersonalData
    from services.intake.usecases import imports as runner
    from shared.messaging.outbox import Outbox

    spent = Counter(dict.fromkeys(STEPS, 0.0))  # in this order in the table
    for (owner, name), step in zip(((runner, "validate_row"), (runner, "register_many"),
                                    (DuplicateCheck, "__init__"), (KeyStore, "create_many"),
                                    (PersonalData, "seal_many"), (Outbox, "emit_many")),
                                   STEPS, strict=True):
        setattr(owner, name, _timed(getattr(owner, name), step, spent))
    return spent


def _timed(function, part: str, spent: Counter):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[part] += time.perf_counter() - start

    return timed


def _in_child(phase, env: dict[str, str], path: str, breakdown: bool) -> dict:
    # A fresh interpreter per phase: its peak RSS is the phase's, not the parent's (see
    # _max_rss).
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as child:
        return child.submit(phase, env, path, breakdown).result()


def _max_rss() -> int:
    """This process's peak resident memory. Linux's ``VmHWM`` starts again with every
    program; ``ru_maxrss`` would carry the parent's peak over into a spawned child."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


# -- files and databases -----------------------------------------------------------------

def _write_csv(path: Path, numbers: range) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(person(n) for n in numbers)
    return path


def _write_template(path: Path, numbers: range) -> Path:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Case Sheet")
    for row in (HEADER, LABELS, *(person(n) for n in numbers)):
        sheet.append(row)
    workbook.save(path)
    return path


@contextmanager
def _databases(folder: Path, server_url: str | None) -> Iterator[dict[str, str]]:
    """The environment of intake's settings for the run: SQLite files in ``folder``, or
    a main and a key-store database of the run's own on the server, dropped at the end."""
    env = {"VIDNOVA_DATA_DIR": str(folder), "JWT_SECRET": "bench-" + "x" * 40,
           "VIDNOVA_LOG_LEVEL": "WARNING"}
    names = []
    if server_url:
        server_url = _with_psycopg(server_url)
        run_id = uuid.uuid4().hex[:10]
        for variable, name in (("INTAKE_DATABASE_URL", f"bench_import_{run_id}"),
                               ("INTAKE_KEYSTORE_DATABASE_URL", f"bench_import_{run_id}_keystore")):
            admin_statement(server_url, f'CREATE DATABASE "{name}"')
            names.append(name)
            env[variable] = make_url(server_url).set(database=name).render_as_string(
                hide_password=False)
    try:
        _migrate(env)
        yield env
    finally:
        for name in names:
            admin_statement(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrate(env: dict[str, str]) -> None:
    from services.intake.service import SERVICE
    from shared import config, migrations

    for migrations_dir, url in SERVICE.migration_targets(config.from_env("intake", env)):
        migrations.upgrade(migrations_dir, url)



def _describe_database(env: dict[str, str]) -> str:
    from shared import config

    engine = create_engine(config.from_env("intake", env).database_url)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                return f"SQLite {connection.execute(text('select sqlite_version()')).scalar()}"
            return f"PostgreSQL {connection.execute(text('show server_version')).scalar().split()[0]}"
    finally:
        engine.dispose()


def _with_psycopg(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


# -- report ------------------------------------------------------------------------------

def table(result: dict) -> str:
    phases = result["phases"]
    plain = phases["plain inserts"]["rows_per_second"]
    csv_rate = phases["import CSV"]["rows_per_second"]
    rows = []
    for name, phase in phases.items():
        outcome = (f"{phase['registered']:,} registered, {phase['rejected']:,} rejected, "
                   f"{phase['duplicates']:,} duplicates" if "registered" in phase else "")
        rows.append((name, f"{phase['rows_per_second']:,.0f} rows/s",
                     f"{phase['seconds']:.1f} s; peak RSS {phase['max_rss_bytes'] / 2**20:.0f} MiB, "
                     f"+{phase['rss_growth_bytes'] / 2**20:.1f} MiB while running; "
                     f"file {phase['file_bytes'] / 2**20:.2f} MiB; {outcome}".rstrip("; ")))
    rows.append(("import CSV / plain inserts", f"{csv_rate / plain:.3f}",
                 f"aim >= {AIM_ROWS_PER_SECOND:,.0f} rows/s from CSV: "
                 f"{'met' if csv_rate >= AIM_ROWS_PER_SECOND else 'MISSED'}"))
    for part, ms in phases["import CSV"].get("ms_per_row", {}).items():
        rows.append((f"CSV per row: {part}", f"{ms:.2f} ms", ""))
    rows.append(("database", result["database"],
                 f"{result['machine']['cpus']} CPUs, load {result['machine']['load_1min']:.1f} at start"
                 + (f"; PGOPTIONS={result['pgoptions']}" if result["pgoptions"] else "")))
    left, middle = max(len(r[0]) for r in rows), max(len(r[1]) for r in rows)
    title = (f"Vidnova intake import benchmark, {result['rows']:,} rows per file, "
             f"{datetime.fromisoformat(result['started_at']):%Y-%m-%d %H:%M:%S} UTC")
    return "\n".join([title, "-" * len(title),
                      *(f"{name:<{left}}  {value:>{middle}}  {note}".rstrip() for name, value, note in rows)])


def _save(result: dict, started_at: datetime) -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"intake-import-{started_at:%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    return path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.intake_import",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000, help="people per file (default 10000)")
    parser.add_argument("--database-url", metavar="URL",
                        help="a PostgreSQL server where the run may create and drop its own "
                             "databases (default: SQLite files in a temporary folder)")
    parser.add_argument("--breakdown", action="store_true",
                        help="also time the steps of a row in the CSV import (slightly slower)")
    return parser


def _say(what: str) -> None:
    print(f"bench: {what} ...", flush=True)


if __name__ == "__main__":
    sys.exit(main())
