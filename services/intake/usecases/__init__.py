"""Intake's use cases, one module per capability: ``registration``, ``update``,
``consent``, ``erasure``, ``reading`` (audited reads and search), ``imports`` (files),
``openrosa`` (Kobo/ODK submissions), ``reports``, ``orphan_keys`` (the worker's sweep of
data keys left without their beneficiary); ``announcements`` builds the events they
emit. Each takes intake's runtime (``bootstrap.Intake``) and a request, and runs in a
unit of work of its own: its writes and its events commit together. Each is
``retried_once`` (``shared.lost_connections``): run again when it lost its database
connection before anything of it committed. An import, which commits batch by batch, is
not: it stops, and the same file again goes on from its last batch.

Intake consumes two events: a beneficiary's STOP to an SMS (``opt_outs``), recorded as
the withdrawal of consent to SMS (its handler is given the outbox and the sealed-data
store by the bootstrap); and a completion at training (``certificate_names``), whose
cohort's trainers may then read the name to print on that certificate.
"""

from services.intake.usecases.certificate_names import on_enrolment_completed
from services.intake.usecases.opt_outs import on_sms_opted_out
from shared.events.contracts.notifications import CONTACT_OPTED_OUT
from shared.events.contracts.training import ENROLMENT_COMPLETED

HANDLERS: dict = {
    CONTACT_OPTED_OUT: on_sms_opted_out,
    ENROLMENT_COMPLETED: on_enrolment_completed,
}
