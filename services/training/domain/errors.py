"""Training's domain errors; ``app.py`` maps each to an HTTP status in one table.

An error whose ``field_errors`` names fields is shown as a validation error of the body
(422, each field with what is wrong with it); ``errors`` adds detail to other refusals.
"""

from __future__ import annotations


class NotFound(Exception):
    def __init__(self, what: str) -> None:
        super().__init__(f"no such {what}")


class NotYourCohort(Exception):
    """A trainer acting on a cohort they do not teach."""

    def __init__(self) -> None:
        super().__init__("only the cohort's own trainers (or an administrator) may do this")


class InvalidInput(Exception):
    """A rule about the request's fields is broken; ``field_errors`` names each field."""

    def __init__(self, field_errors: dict, message: str = "the request has invalid fields: see errors"):
        super().__init__(message)
        self.field_errors = field_errors


class NotEligible(InvalidInput):
    """The beneficiary may not be enrolled: unknown to training, erased, or without
    active consent to case management. ``reason`` is the code, the message says it."""

    def __init__(self, reason: str, explanation: str) -> None:
        super().__init__({"beneficiary_id": [explanation]},
                         f"this beneficiary cannot be enrolled: {explanation}")
        self.reason = reason


class CompletionRefused(InvalidInput):
    """The course's completion rule is not met: each unmet part is named."""

    def __init__(self, unmet: dict) -> None:
        super().__init__(unmet, "the course's completion rule is not met: "
                         + "; ".join(message for messages in unmet.values() for message in messages))


class TransitionRefused(Exception):
    """A cohort's status may only move along the allowed transitions."""

    def __init__(self, current: str, wanted: str, allowed: tuple[str, ...]) -> None:
        super().__init__(f"a cohort cannot go from {current} to {wanted}; from {current} it can go "
                         f"to: {', '.join(allowed) or 'nothing (it is over)'}")
        self.errors = {"status": {"current": current, "allowed": list(allowed)}}


class Conflict(Exception):
    """The request is well formed but the state of things refuses it (a cohort not taking
    enrolments, an enrolment already withdrawn, a schedule that overlaps)."""

    def __init__(self, message: str, **details) -> None:
        super().__init__(message)
        self.errors = details or None


class ScheduleOverlap(Conflict):
    def __init__(self, cohort_ids: list[str]) -> None:
        super().__init__("the beneficiary is enrolled or waitlisted in a cohort whose sessions "
                         "overlap this one's", overlapping_cohorts=cohort_ids)


class NameUnavailable(Exception):
    """The certificate cannot be printed: intake has no name to give (erased)."""

    def __init__(self, message: str = "the beneficiary's personal data was erased: no certificate "
                 "can be printed with a name (its code still verifies)") -> None:
        super().__init__(message)


class IntakeUnavailable(Exception):
    """Intake, which alone holds the name for the certificate, did not answer."""

    def __init__(self) -> None:
        super().__init__("intake did not answer; try printing the certificate again later")


class IntakeRefused(Exception):
    """Intake refused to give the name to this caller (their role may not read it)."""

    def __init__(self) -> None:
        super().__init__("intake refused to give this beneficiary's name to you")
