"""``python -m services.grants.worker``: grants's consumer and outbox relay."""

from services.grants.service import SERVICE
from shared.worker import run

if __name__ == "__main__":
    run(SERVICE)
