"""``python -m services.training.worker``: training's consumer and outbox relay."""

from services.training.service import SERVICE
from shared.worker import run

if __name__ == "__main__":
    run(SERVICE)
