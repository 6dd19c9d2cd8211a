"""One run, phase after phase, inside a sandbox that is removed whatever happens."""

from __future__ import annotations

import argparse

from bench import (
    baseline,
    celery_baseline,
    celery_loss,
    events,
    latency,
    profiles,
    report,
    throughput,
    versions,
)
from bench.pipeline import Pipeline
from bench.sandbox import INTAKE, TRAINING, sandbox
from tests.support import rabbitmq_nodes


def run(args: argparse.Namespace) -> report.Report:
    started_at, machine_at_start = report.now(), versions.machine()
    body = events.sample_body()
    _say(f"{args.events:,} events per phase, {len(body)} B each")
    with sandbox(args.amqp_url, args.database_url, args.setting) as box:
        relay_settings, consumer_settings = box.settings(INTAKE.name), box.settings(TRAINING.name)
        _say(f"baseline: plain kombu, {args.baseline_queue} queue")
        base = baseline.run(args.amqp_url, box.baseline_exchange(), box.baseline_queue_name(),
                            body, args.events, consumer_settings.consumer_prefetch,
                            box.database_prefix, args.baseline_queue, args.timeout)
        with Pipeline(box) as pipeline:
            throughput.warm_up(pipeline, args.timeout)
            _say(f"vidnova: {args.writers} writers > outbox > relay > consumer")
            path = throughput.run(pipeline, args.events, args.writers, args.timeout)
            _say("vidnova drain: outbox already full > relay > consumer")
            drained = throughput.drain(pipeline, args.events, args.timeout)
            _say(f"latency: {args.rate:g} events/s for {args.latency_seconds:g} s")
            steady = latency.run(pipeline, args.rate, args.latency_seconds, args.timeout)
        _say("profile: the drain again, relay and consumer under cProfile")
        hottest = profile(box, args.events, started_at, args.timeout)
        _say(f"celery: {args.writers} writers commit, then apply_async; solo and prefork")
        celery = celery_baseline.run(box, args.events, args.writers, args.rate,
                                     args.latency_seconds, args.timeout)
        outage = None
        if rabbitmq_nodes.installed():
            _say("celery: the broker stopped between commit and publish (a node of its own)")
            outage = celery_loss.run(box)
    return report.Report(
        started_at=started_at,
        versions=versions.describe(args.amqp_url, args.database_url),
        machine={"start": machine_at_start, "end": versions.machine()},
        settings={"relay_batch_size": relay_settings.relay_batch_size,
                  "relay_poll_interval": relay_settings.relay_poll_interval,
                  "consumer_prefetch": consumer_settings.consumer_prefetch,
                  "overrides": args.setting},
        payload_bytes=len(body), baseline=base, vidnova=path, drain=drained,
        latency=steady, profiles=hottest, celery=celery, celery_outage=outage)


def profile(box, events: int, started_at, timeout: float) -> dict[str, list]:
    """The hottest functions of the relay and the consumer over a drain, their full
    statistics kept in ``bench/results/``."""
    paths = {part: report.RESULTS_DIR / f"{started_at:%Y%m%dT%H%M%SZ}-{part}.prof"
             for part in (profiles.RELAY, profiles.CONSUMER)}
    report.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with Pipeline(box, paths) as pipeline:
        throughput.warm_up(pipeline, timeout)
        throughput.drain(pipeline, events, timeout)
    return {part: profiles.hottest(path) for part, path in paths.items()}


def _say(what: str) -> None:
    print(f"bench: {what} ...", flush=True)
