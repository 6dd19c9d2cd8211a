"""What the programme says, and what each message may be filled with.

A kind of message is a template's id. Each names the variables its text may use:
dates, times, places in line and money, never anything typed about a person (a template
using a variable outside its kind's list is refused). The one exception is
``GIVEN_NAME``: only the body of a template marked personal may use it, and it is filled
only for a person who consented to be named in messages. The samples fill a preview.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

WELCOME = "welcome"
ENROLMENT_CONFIRMED = "enrolment_confirmed"
WAITLISTED = "waitlisted"
PROMOTED = "promoted"
WITHDRAWN = "withdrawn"
FIRST_SESSION_REMINDER = "first_session_reminder"
SESSION_REMINDER = "session_reminder"
COHORT_CANCELLED = "cohort_cancelled"
APPLICATION_RECEIVED = "application_received"
CHANGES_REQUESTED = "changes_requested"
APPLICATION_APPROVED = "application_approved"
APPLICATION_REJECTED = "application_rejected"
TRANCHE_RELEASED = "tranche_released"
TRANCHE_PAID = "tranche_paid"
OPT_OUT_CONFIRMED = "opt_out_confirmed"

_SESSION = {"starts_at": datetime(2026, 3, 9, 8, 0, tzinfo=UTC)}
_MONEY = {"amount": Decimal("15000.00"), "currency": "UAH"}

# kind -> sample values of the variables it may use (their names are the allowed ones).
SAMPLES: dict[str, dict] = {
    WELCOME: {},
    ENROLMENT_CONFIRMED: {},
    WAITLISTED: {"position": 3},
    PROMOTED: {},
    WITHDRAWN: {},
    FIRST_SESSION_REMINDER: dict(_SESSION),
    SESSION_REMINDER: dict(_SESSION),
    COHORT_CANCELLED: {},
    APPLICATION_RECEIVED: {},
    CHANGES_REQUESTED: {},
    APPLICATION_APPROVED: {**_MONEY, "tranches": 2},
    APPLICATION_REJECTED: {},
    TRANCHE_RELEASED: {**_MONEY, "sequence": 1},
    TRANCHE_PAID: {**_MONEY, "sequence": 1, "paid_on": date(2026, 4, 2)},
    OPT_OUT_CONFIRMED: {},
}

KINDS = tuple(SAMPLES)

# What the person is waiting for as it is sent: the welcome, read while they sit with
# their caseworker (it shows the number works), and the answer to their STOP. A due
# message of these kinds is sent before any other due message, so a backlog of notices
# (a round of decisions, reminders after quiet hours) never holds them up.
PROMPT = frozenset({WELCOME, OPT_OUT_CONFIRMED})
PROMPTLY, IN_TURN = 0, 1  # a message's priority: lower is sent first


def priority(kind: str) -> int:
    return PROMPTLY if kind in PROMPT else IN_TURN

GIVEN_NAME = "given_name"
_SAMPLE_NAME = "Olena"


def allowed_variables(kind: str) -> set[str]:
    return set(SAMPLES[kind])


def samples(kind: str, personal: bool = False) -> dict:
    """The kind's sample values, with a sample given name for a personal text."""
    return {**SAMPLES[kind], **({GIVEN_NAME: _SAMPLE_NAME} if personal else {})}
