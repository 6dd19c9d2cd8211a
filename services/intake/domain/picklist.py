"""A closed list of allowed values, and the other ways sources spell them.

Data reaches intake from the HTCDS Excel template (which shows labels such as
"Forced labour"), from ODK/Kobo submissions (machine values such as ``ForcedLabour``)
and from the API. Each list keeps one machine value per choice; every other known
spelling is an alias that loads as that value, so stored data has a single spelling.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


def _key(text: str) -> str:
    """Case and spacing are forgiven: spreadsheets add stray spaces ("Debt bondage ")."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Picklist:
    """Allowed machine values, in the standard's order, and aliases (spelling -> value)."""

    values: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)
    _lookup: dict[str, str] = field(init=False, repr=False, compare=False)
    # The most ";"-separated pieces one spelling has (a label such as "Debt; bondage").
    most_pieces: int = field(init=False, repr=False, compare=False)

    @classmethod
    def labelled(cls, *pairs: tuple[str, str]) -> Picklist:
        """From ``(machine value, label)`` pairs; the label becomes an alias."""
        return cls(tuple(value for value, _ in pairs), {label: value for value, label in pairs})

    def __post_init__(self) -> None:
        """A stray or ambiguous spelling fails here, at import, rather than on some load."""
        strays = set(self.aliases.values()) - set(self.values)
        if strays:
            raise ValueError(f"aliases for values not in the picklist: {sorted(strays)}")
        lookup: dict[str, str] = {}
        for spelling, value in [*((v, v) for v in self.values), *self.aliases.items()]:
            if lookup.setdefault(_key(spelling), value) != value:
                raise ValueError(f"{spelling!r} would stand for two values")
        object.__setattr__(self, "_lookup", lookup)  # frozen: set once, here
        object.__setattr__(self, "most_pieces",
                           max(spelling.count(";") + 1 for spelling in lookup) if lookup else 1)

    def canonical(self, text: str) -> str | None:
        """The machine value ``text`` stands for, or None when it is not in the list."""
        return self._lookup.get(_key(text))
