"""The portal's sections and the roles that see each: the menu, the home page and every
page's role check read this one table. The services decide again on every call; this
only spares staff pages they could not use."""

from __future__ import annotations

from dataclasses import dataclass

from shared.roles import ADMIN, CASEWORKER, FINANCE_OFFICER, GRANT_OFFICER, ME_OFFICER, TRAINER


@dataclass(frozen=True)
class Section:
    key: str
    endpoint: str  # the section's first page
    roles: tuple[str, ...]


BENEFICIARIES = Section("beneficiaries", "beneficiaries.search", (CASEWORKER, ADMIN))
IMPORTS = Section("imports", "imports.index", (CASEWORKER, ADMIN))
COHORTS = Section("cohorts", "cohorts.index", (TRAINER, ADMIN))
APPLICATIONS = Section("applications", "applications.queue", (GRANT_OFFICER, ADMIN))
TRANCHES = Section("tranches", "tranches.index", (FINANCE_OFFICER, ADMIN))
REPORTS = Section("reports", "reports.index", (ME_OFFICER, ADMIN))

SECTIONS = (BENEFICIARIES, IMPORTS, COHORTS, APPLICATIONS, TRANCHES, REPORTS)


def sections_for(roles: frozenset[str]) -> list[Section]:
    """The sections someone with ``roles`` sees, in menu order."""
    return [section for section in SECTIONS if roles & set(section.roles)]
