"""``python -m services.intake.worker``: intake's outbox relay and its orphan-key sweep."""

from services.intake.service import SERVICE
from shared.worker import run

if __name__ == "__main__":
    run(SERVICE)
