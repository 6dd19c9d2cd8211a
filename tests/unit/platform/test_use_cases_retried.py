"""Every use case of every service is run again when it lost its database connection
before committing anything: a use case added without it would answer 503 where one retry
would have served the request."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

from services.platform import SERVICES
from shared.lost_connections import retried_once

RETRIED = retried_once(lambda: None).__code__


def use_case_modules(service: str) -> list:
    try:
        package = importlib.import_module(f"services.{service}.usecases")
    except ModuleNotFoundError:
        return [importlib.import_module(f"services.{service}.handlers")]
    return [importlib.import_module(f"{package.__name__}.{info.name}")
            for info in pkgutil.iter_modules(package.__path__)]


def use_cases(service: str) -> list:
    """Functions taking the service's runtime first (named for the service, by the
    convention every use case follows); a generator streams its answer, too late for a
    retry or a 503."""
    found = []
    for module in use_case_modules(service):
        for name, function in vars(module).items():
            if (inspect.isfunction(function) and function.__module__ == module.__name__
                    and not name.startswith("_")
                    and next(iter(inspect.signature(function).parameters), None) == service
                    and not inspect.isgeneratorfunction(inspect.unwrap(function))):
                found.append(function)
    return found


@pytest.mark.parametrize("service", [service.name for service in SERVICES])
def test_every_use_case_is_retried_once_on_a_lost_connection(service):
    found = use_cases(service)

    assert found, f"{service} has no use case taking its runtime"
    assert [f.__qualname__ for f in found if f.__code__ is not RETRIED] == []
