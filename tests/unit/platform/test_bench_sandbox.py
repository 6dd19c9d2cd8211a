"""The bench runs the services in production mode: its sandbox must configure everything
a production runtime needs, or ``make bench`` dies at its first worker (it once did,
when the worker began to make intake's whole runtime, key store included)."""

from __future__ import annotations

from bench.sandbox import SERVICES, Sandbox


def test_the_bench_sandbox_configures_every_runtime_it_starts():
    sandbox = Sandbox("amqp://guest:guest@127.0.0.1:5672//", "postgresql://postgres@127.0.0.1:5432/test")

    for service in SERVICES:
        runtime = service.bootstrap(sandbox.settings(service.name))  # no connection is made here
        assert runtime.settings.is_production
        runtime.close()
