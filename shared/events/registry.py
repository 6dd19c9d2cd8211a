"""Event contracts: a marshmallow schema per event type and version.

Producers validate what they send against the contract; consumers load what they
receive with the same contract and ignore fields added later within the version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError


class ContractError(ValueError):
    """Event data that does not satisfy its contract, or an event with no contract."""

    def __init__(self, event_type: str, version: int, errors: dict):
        fields = ", ".join(sorted(errors)) or "contract"
        super().__init__(f"{event_type} v{version} breaks its contract: {fields}")
        self.errors = errors


class ContractRegistry:
    def __init__(self) -> None:
        self._schemas: dict[tuple[str, int], type[Schema]] = {}
        self._instances: dict[tuple[str, int, str], Schema] = {}

    def contract(self, event_type: str, version: int) -> Callable[[type[Schema]], type[Schema]]:
        """Class decorator registering a schema as the contract of ``event_type`` v``version``."""

        def register(schema: type[Schema]) -> type[Schema]:
            key = (event_type, version)
            if key in self._schemas:
                raise ValueError(f"two contracts for {event_type} v{version}")
            self._schemas[key] = schema
            return schema

        return register

    def __contains__(self, key: tuple[str, int]) -> bool:
        return key in self._schemas

    def __iter__(self) -> Iterator[tuple[str, int]]:
        return iter(sorted(self._schemas))

    def event_types(self) -> set[str]:
        return {event_type for event_type, _ in self._schemas}

    def schema(self, event_type: str, version: int) -> type[Schema]:
        try:
            return self._schemas[(event_type, version)]
        except KeyError:
            raise ContractError(event_type, version, {"type": ["no such contract"]}) from None

    def serialize(self, event_type: str, version: int, data: dict) -> dict:
        """Validate outgoing data strictly (no stray fields) and return its wire form."""
        try:
            loaded = self._instance(event_type, version, RAISE).load(data)
        except ValidationError as err:
            raise ContractError(event_type, version, err.messages_dict) from None
        return self._instance(event_type, version, RAISE).dump(loaded)

    def deserialize(self, event_type: str, version: int, data: dict) -> dict:
        """Load incoming data, ignoring fields this consumer does not know."""
        try:
            return self._instance(event_type, version, EXCLUDE).load(data)
        except ValidationError as err:
            raise ContractError(event_type, version, err.messages_dict) from None

    def _instance(self, event_type: str, version: int, unknown: str) -> Schema:
        # Schemas hold no per-call state: one instance per contract and mode serves all.
        key = (event_type, version, unknown)
        if key not in self._instances:
            self._instances[key] = self.schema(event_type, version)(unknown=unknown)
        return self._instances[key]
