"""``python -m services.notifications.worker``: notifications' consumer and outbox relay."""

from services.notifications.service import SERVICE
from shared.worker import run

if __name__ == "__main__":
    run(SERVICE)
