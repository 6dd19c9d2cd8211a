"""Schemathesis against a service's own OpenAPI document, in process (WSGI): every
operation, with data the document allows and data it forbids, every check applied to
every answer (no 5xx, each answer as documented, forbidden data refused, ...); and
statefully: schemathesis' state machine chains calls along the OpenAPI links it infers
from the document (an id a create answers with, passed to the reads and changes of that
resource), with the same checks and its stateful ones (what was created can be read).

Run per operation with Hypothesis' ``given`` rather than schemathesis' pytest plugin,
which does not load under this project's pytest.
"""

from __future__ import annotations

import traceback
from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.config import SchemathesisConfig


def fuzzed_service(name: str, data_dir, **extra: str) -> tuple:
    """(app, settings) of service ``name`` as deployed (with the ``extra`` settings), its
    databases migrated under ``data_dir``, but for the sign-in throttle: the checks send
    bad tokens on purpose, and would otherwise be answered 429 from the tenth on."""
    import importlib

    from shared import config
    from tests.support import migrated
    from tests.support.fixtures import TEST_SECRET

    service = importlib.import_module(f"services.{name}.service").SERVICE
    settings = config.from_env(name, {"VIDNOVA_DATA_DIR": str(data_dir), "JWT_SECRET": TEST_SECRET,
                                      "VIDNOVA_SIGN_IN_FAILURE_LIMIT": "1000000", **extra})
    for migrations_dir, url in service.migration_targets(settings):
        migrated.upgrade(migrations_dir, url)
    app = importlib.import_module(f"services.{name}.app").create_app(settings, configure_logging=False)
    return app, settings


def admin_token(settings) -> str:
    from shared import tokens

    return tokens.issue(settings.jwt, "fuzzer", ["admin"])


@dataclass
class FuzzRun:
    answered: Counter = field(default_factory=Counter)  # (operation, mode, status) -> calls
    failures: list[tuple[str, str]] = field(default_factory=list)  # (operation mode, report)

    def statuses(self, label: str, mode: str) -> set[int]:
        return {status for (op, m, status) in self.answered if (op, m) == (label, mode)}


def _schema(app, token: str, config: str):
    """``app``'s ``/openapi.json``, signed in with the bearer ``token`` (given to
    schemathesis, so that a case leaving it out on purpose goes without it); ``config``:
    schemathesis' TOML settings."""
    settings_text = f'{config}\n[auth.openapi.bearerAuth]\nbearer = "{token}"\n'
    return schemathesis.openapi.from_wsgi("/openapi.json", app,
                                          config=SchemathesisConfig.from_str(settings_text))


def fuzz(app, token: str, config: str, examples: int) -> FuzzRun:
    """Every operation of ``app``'s document, ``examples`` cases per operation and
    generation mode. What answered and what failed."""
    schema = _schema(app, token, config)
    run = FuzzRun()
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in schemathesis.GenerationMode:
            _fuzz_one(run, operation, mode, examples)
    return run


def _fuzz_one(run: FuzzRun, operation, mode, examples: int) -> None:
    @given(operation.as_strategy(mode))
    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def call(case):
        response = case.call_and_validate()
        run.answered[(operation.label, mode.value, response.status_code)] += 1

    try:
        call()
    except Unsatisfiable:  # nothing to make wrong (an operation without parameters)
        pass
    except BaseException as failed:  # noqa: BLE001 - schemathesis reports as exception groups
        report = str(failed) if hasattr(failed, "exceptions") else "".join(
            traceback.format_exception(failed))  # not a schemathesis finding: where it broke
        run.failures.append((f"{operation.label} ({mode.value})", report[-4000:]))


def assert_clean(run: FuzzRun) -> None:
    """No check failed, and no answer was a 5xx."""
    assert run.failures == [], "\n\n".join(f"{label}\n{report}" for label, report in run.failures)
    assert not any(status >= 500 for (_, _, status) in run.answered)


STATEFUL = "stateful"  # the mode a stateful run's answers are counted under


@dataclass
class StatefulRun(FuzzRun):
    links: set[str] = field(default_factory=set)  # "POST /a -> GET /a/{id}", as inferred


def fuzz_statefully(app, token: str, config: str, scenarios: int, steps: int) -> StatefulRun:
    """``scenarios`` sequences of at most ``steps`` calls along the document's links
    (bounded, for CI). What answered, along which links, and what failed."""
    machine = _schema(app, token, config).as_state_machine()
    # The links schemathesis found (no public accessor: the machine's own transitions).
    run = StatefulRun(links={f"{link.source.label} -> {link.target.label}"
                             for entry in machine._transitions.operations.values()
                             for link in entry.outgoing})

    class Recorded(machine):
        def after_call(self, response, case):
            super().after_call(response, case)
            run.answered[(case.operation.label, STATEFUL, response.status_code)] += 1

    try:
        Recorded.run(settings=settings(max_examples=scenarios, stateful_step_count=steps,
                                       deadline=None, database=None,
                                       suppress_health_check=list(HealthCheck)))
    except BaseException as failed:  # noqa: BLE001 - schemathesis reports as exception groups
        report = str(failed) if hasattr(failed, "exceptions") else "".join(
            traceback.format_exception(failed))
        run.failures.append((STATEFUL, report[-6000:]))
    return run
