"""``vidnova``: set up, run and operate the platform."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import timedelta

from shared import config, tokens
from shared.cli.portal import WebApp
from shared.roles import ROLES
from shared.service import ServiceDefinition, settings_for


def main(services: Sequence[ServiceDefinition], argv: list[str] | None = None,
         portal: WebApp | None = None) -> int:
    by_name = {service.name: service for service in services}
    parser = _parser(services)
    # A service's own command parses its own arguments (its --help included).
    args, rest = parser.parse_known_args(argv)
    if rest and not getattr(args, "passes_arguments", False):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    args.rest = rest
    args.portal = portal
    try:
        return args.command(args, by_name) or 0
    except config.ConfigError as exc:
        print(f"vidnova: configuration refused: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # e.g. a token asked of a configuration that cannot sign
        print(f"vidnova: {exc}", file=sys.stderr)
        return 2


def _parser(services: Sequence[ServiceDefinition]) -> argparse.ArgumentParser:
    names = sorted(service.name for service in services)
    parser = argparse.ArgumentParser(prog="vidnova", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    token = commands.add_parser("token", help="print a bearer token for local use")
    token.add_argument("--role", action="append", required=True, choices=ROLES,
                       help="a role to grant (repeat for several)")
    token.add_argument("--user", required=True, help="who the token is for")
    token.add_argument("--hours", type=float, default=8.0,
                       help="validity (default 8; at most JWT_MAX_LIFETIME, 24 h by default)")
    token.set_defaults(command=_token)

    demo = commands.add_parser("demo-users", help="new passwords for the portal's demo users "
                                                  "(embedded default), printed once")
    demo.set_defaults(command=_demo_users)

    migrate = commands.add_parser("migrate", help="migrate databases and declare the broker topology")
    migrate.set_defaults(command=_migrate)

    run = commands.add_parser("run", help="migrate, then run every service's web and worker")
    run.add_argument("--host", default="127.0.0.1")
    run.set_defaults(command=_run)

    worker = commands.add_parser("worker", help="run one service's worker")
    worker.add_argument("service", choices=names)
    worker.set_defaults(command=_worker)

    for service in services:
        for name, command in service.commands.items():
            if command.top_level:
                alone = commands.add_parser(name, help=f"{command.help} (= {service.name} {name})",
                                            add_help=False)
                alone.set_defaults(command=_service_command(service, command), passes_arguments=True)
        if service.commands:
            own = commands.add_parser(service.name, help=f"{service.name}'s operator commands")
            actions = own.add_subparsers(required=True, metavar="ACTION")
            for name, command in service.commands.items():
                action = actions.add_parser(name, help=command.help, add_help=False)
                action.set_defaults(command=_service_command(service, command),
                                    passes_arguments=True)

    status = commands.add_parser("status", help="per service: outbox backlog, queue depth, "
                                                "dead letters, last error")
    status.add_argument("--service", choices=names)
    status.set_defaults(command=_status)

    dead = commands.add_parser("dead-letters", help="inspect or replay dead-lettered events")
    actions = dead.add_subparsers(required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="show dead letters (all consuming services by default)")
    listing.add_argument("--service", choices=names)
    listing.set_defaults(command=_dead_letters_list)
    replay = actions.add_parser("replay", help="send dead letters back for another try")
    replay.add_argument("--service", choices=names, required=True)
    which = replay.add_mutually_exclusive_group(required=True)
    which.add_argument("--id", "--event-id", dest="ids", action="append", metavar="ID",
                       help="replay the dead letter of this id, as listed (repeatable)")
    which.add_argument("--all", action="store_true", help="replay every dead letter")
    replay.set_defaults(command=_dead_letters_replay)
    return parser


def _service_command(service: ServiceDefinition, command):
    def run(args, by_name) -> int:
        runtime = service.bootstrap(settings_for(service))
        try:
            print(command.run(runtime, args.rest))
        finally:
            runtime.close()
        return 0

    return run


def _token(args, by_name) -> int:
    print(tokens.issue(config.jwt_from_env(), args.user, args.role, timedelta(hours=args.hours)))
    return 0


def _demo_users(args, by_name) -> int:
    from shared.cli.portal import announce_demo_users

    if args.portal is None:
        raise ValueError("this platform has no portal")
    settings = config.from_env(args.portal.name)
    announce_demo_users(args.portal.reset_demo_users(settings), first_run=False)
    return 0


def _migrate(args, by_name) -> int:
    from shared.cli.setup import migrate

    moved = migrate(by_name.values(), portal=args.portal)
    print("migrated: " + ", ".join([*by_name, *([args.portal.name] if args.portal else [])]))
    if moved:
        print(f"moved {moved} undelivered message(s) of the old filesystem broker into the "
              "embedded broker")
    return 0


def _run(args, by_name) -> int:
    from shared.cli.supervise import run_platform

    return run_platform(list(by_name.values()), host=args.host, portal=args.portal)


def _worker(args, by_name) -> int:
    from shared.worker import run

    run(by_name[args.service])
    return 0


def _status(args, by_name) -> int:
    """0 when every figure could be read, 1 otherwise (the table says which)."""
    from shared.cli.status import read, render

    statuses = [read(by_name[args.service])] if args.service else [read(s) for s in by_name.values()]
    print(render(statuses))
    return 1 if any(status.unreadable for status in statuses) else 0


def _dead_letters_list(args, by_name) -> int:
    from shared.messaging.dead_letters import list_dead_letters

    chosen = [by_name[args.service]] if args.service else [s for s in by_name.values() if s.consumes]
    for service in chosen:
        connect, topology = _broker(service)
        for letter in list_dead_letters(connect, topology, service.name):
            print(json.dumps(letter.as_row(), default=str))
    return 0


def _dead_letters_replay(args, by_name) -> int:
    from shared.messaging.dead_letters import replay

    service = by_name[args.service]
    connect, topology = _broker(service)
    count = replay(connect, topology, service.name, None if args.all else args.ids)
    print(f"replayed {count} dead letter(s) to {service.name}")
    return 0


def _broker(service: ServiceDefinition):
    from shared.messaging.broker import connect
    from shared.messaging.topology import Topology

    settings = settings_for(service)
    return (lambda confirm=False: connect(settings, confirm=confirm)), Topology.from_settings(settings)
