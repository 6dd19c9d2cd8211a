"""Every event contract of the platform, registered in one registry.

Import ``CONTRACTS`` from here; the modules below register into it by producer.
"""

from shared.events.registry import ContractRegistry

CONTRACTS = ContractRegistry()

from shared.events.contracts import intake  # noqa: E402,F401  (registers its contracts)

__all__ = ["CONTRACTS"]
