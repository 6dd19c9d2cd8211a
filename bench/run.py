"""One run, phase after phase, inside a sandbox that is removed whatever happens."""

from __future__ import annotations

import argparse

from bench import baseline, events, latency, report, throughput, versions
from bench.pipeline import Pipeline
from bench.sandbox import INTAKE, TRAINING, sandbox


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
    return report.Report(
        started_at=started_at,
        versions=versions.describe(args.amqp_url, args.database_url),
        machine={"start": machine_at_start, "end": versions.machine()},
        settings={"relay_batch_size": relay_settings.relay_batch_size,
                  "relay_poll_interval": relay_settings.relay_poll_interval,
                  "consumer_prefetch": consumer_settings.consumer_prefetch,
                  "overrides": args.setting},
        payload_bytes=len(body), baseline=base, vidnova=path, drain=drained,
        latency=steady)


def _say(what: str) -> None:
    print(f"bench: {what} ...", flush=True)
