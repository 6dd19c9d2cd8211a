"""The event envelope and the registry of event contracts shared by all services."""

from shared.events.envelope import Envelope, EnvelopeError
from shared.events.registry import ContractError, ContractRegistry

__all__ = ["ContractError", "ContractRegistry", "Envelope", "EnvelopeError"]
