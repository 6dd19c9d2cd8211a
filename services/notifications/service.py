"""Notifications as the platform sees it."""

from operator import attrgetter
from pathlib import Path

from services.notifications.adapters.messages import QUEUED_CHANNEL
from services.notifications.adapters.tables import messaging, metadata
from services.notifications.bootstrap import bootstrap
from services.notifications.handlers import HANDLERS
from services.notifications.usecases.dispatch import dispatch_due
from services.notifications.usecases.reconciliation import reconcile_sending
from services.notifications.usecases.reminders import remind_due
from shared.periodic_jobs import PeriodicJob
from shared.service import ServiceDefinition

SERVICE = ServiceDefinition(
    name="notifications",
    metadata=metadata,
    messaging=messaging,
    migrations_dir=Path(__file__).parent / "migrations",
    bootstrap=bootstrap,
    handlers=HANDLERS,
    periodic_jobs={
        "dispatch": PeriodicJob(run=dispatch_due, interval=attrgetter("config.dispatch_interval"),
                                woken_by=QUEUED_CHANNEL),
        "reminders": PeriodicJob(run=remind_due, interval=attrgetter("config.reminder_interval")),
        "reconcile": PeriodicJob(run=reconcile_sending,
                                 interval=attrgetter("config.reconcile_interval")),
    },
)
