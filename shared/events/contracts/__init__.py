"""Every event contract of the platform, registered in one registry.

Import ``CONTRACTS`` from here; the modules below register into it by producer.
"""

from shared.events.registry import ContractRegistry

CONTRACTS = ContractRegistry()

# Each module registers its producer's contracts into CONTRACTS as it is imported.
from shared.events.contracts import grants, intake, notifications, training  # noqa: E402,F401

__all__ = ["CONTRACTS"]
