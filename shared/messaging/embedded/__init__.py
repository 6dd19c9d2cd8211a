"""The embedded broker: a kombu transport on one SQLite file, for running without servers.

It keeps RabbitMQ's promises that the platform relies on: a message is written in one
transaction (wholly there or not at all), stays stored until its consumer acks it after
its commit, comes back when its consumer dies (a lease that runs out), is refused at
publish when larger than the limit, expires into the queue its queue's arguments name,
and lives in a file only its owner can read. Exchanges, queues and bindings are rows in
the same file, so every process (web, worker, command) routes by the same topology.
"""
