"""The platform: the four services together, the staff portal before them, and the
``vidnova`` command line."""

from __future__ import annotations

from services.grants.service import SERVICE as GRANTS
from services.intake.service import SERVICE as INTAKE
from services.notifications.service import SERVICE as NOTIFICATIONS
from services.portal.service import PORTAL
from services.training.service import SERVICE as TRAINING
from shared.service import ServiceDefinition

SERVICES: tuple[ServiceDefinition, ...] = (INTAKE, TRAINING, GRANTS, NOTIFICATIONS)


def main(argv: list[str] | None = None) -> int:
    from shared.cli.main import main as cli

    return cli(SERVICES, argv, portal=PORTAL)


if __name__ == "__main__":
    raise SystemExit(main())
