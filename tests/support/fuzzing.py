"""Schemathesis against a service's own OpenAPI document, in process (WSGI): every
operation, with data the document allows and data it forbids, every check applied to
every answer (no 5xx, each answer as documented, forbidden data refused, ...).

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


def fuzzed_service(name: str, data_dir) -> tuple:
    """(app, settings) of service ``name`` as deployed, its databases migrated under
    ``data_dir``, but for the sign-in throttle: the checks send bad tokens on purpose, and
    would otherwise be answered 429 from the tenth on."""
    import importlib

    from shared import config, migrations
    from tests.support.fixtures import TEST_SECRET

    service = importlib.import_module(f"services.{name}.service").SERVICE
    settings = config.from_env(name, {"VIDNOVA_DATA_DIR": str(data_dir), "JWT_SECRET": TEST_SECRET,
                                      "VIDNOVA_SIGN_IN_FAILURE_LIMIT": "1000000"})
    for migrations_dir, url in service.migration_targets(settings):
        migrations.upgrade(migrations_dir, url)
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


def fuzz(app, token: str, config: str, examples: int) -> FuzzRun:
    """Every operation of ``app``'s ``/openapi.json``, ``examples`` cases per operation
    and generation mode, signed in with the bearer ``token`` (given to schemathesis, so
    that a case leaving it out on purpose goes without it); ``config``: schemathesis'
    TOML settings. What answered and what failed."""
    settings_text = f'{config}\n[auth.openapi.bearerAuth]\nbearer = "{token}"\n'
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app,
                                            config=SchemathesisConfig.from_str(settings_text))
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
