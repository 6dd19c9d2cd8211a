"""Intake's domain errors; the edge maps each to an HTTP status in one table."""

from __future__ import annotations


class BeneficiaryNotFound(Exception):
    def __init__(self) -> None:
        super().__init__("no such beneficiary")


class BeneficiaryErased(Exception):
    def __init__(self) -> None:
        super().__init__("this beneficiary's personal data was erased")


class DuplicateSuspected(Exception):
    """The person seems registered already; the candidates are given by code only."""

    def __init__(self, candidate_codes: list[str]):
        super().__init__("this person may be registered already: check the candidates, or "
                         "register anyway with override_duplicates and a reason")
        self.errors = {"candidates": candidate_codes}


class InvalidRecord(Exception):
    """The record breaks the standard's or the programme's rules; ``field_errors`` names
    each bad field, by section, with what is wrong with it."""

    def __init__(self, field_errors: dict):
        super().__init__("the record has invalid fields: see errors")
        self.field_errors = field_errors


class NoSuchCompletion(Exception):
    def __init__(self) -> None:
        super().__init__("no completed enrolment of this beneficiary by that id")


class NotAmongItsTrainers(Exception):
    def __init__(self) -> None:
        super().__init__("only the trainers of the cohort may print this certificate")
