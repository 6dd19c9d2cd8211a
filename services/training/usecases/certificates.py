"""Certificates: printed in the beneficiary's language with the name intake gives at
that moment (an audited read, with the caller's own token: a trainer, who may print only
for the cohorts they teach, asks for the name alone), never kept; verified by
their code by anyone, showing the course and the date, never a name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.training.adapters import certificates, cohorts, courses, enrolments
from services.training.adapters.certificate_pdf import CertificateContent, render
from services.training.adapters.intake_directory import NameForCertificate
from services.training.adapters.tables import beneficiaries
from services.training.domain import access
from services.training.domain.access import Actor
from services.training.domain.certificates import language_for, normalised
from services.training.domain.errors import Conflict, NameUnavailable, NotFound
from shared.beneficiary_projection import store as projection
from shared.lost_connections import retried_once

if TYPE_CHECKING:
    from services.training.bootstrap import Training


@dataclass(frozen=True)
class CertificatePrint:
    enrolment_id: str
    token: str  # the caller's, forwarded to intake so the read is audited as theirs
    language: str | None = None  # the beneficiary's preferred language when not given


@retried_once
def print_certificate(training: Training, actor: Actor, request: CertificatePrint) -> bytes:
    """The certificate as a PDF."""
    with training.reading() as session:
        enrolment = enrolments.find(session, request.enrolment_id)
        if enrolment is None:
            raise NotFound("enrolment")
        cohort = cohorts.find(session, enrolment["cohort_id"])
        access.require(actor, access.PRINT_CERTIFICATE, cohort["trainers"])
        certificate = certificates.of_enrolment(session, request.enrolment_id)
        if certificate is None:
            raise Conflict(f"a {enrolment['status']} enrolment has no certificate")
        course = courses.find(session, cohort["course_id"])
        known = projection.find(session, beneficiaries, enrolment["beneficiary_id"]) or {}
    if known.get("erased_at") is not None:
        raise NameUnavailable()
    name = training.intake.name_of(NameForCertificate(
        enrolment["beneficiary_id"], request.enrolment_id, certificate["code"],
        as_trainer=access.only_own(actor, access.PRINT_CERTIFICATE) is not None), request.token)
    config = training.config
    return render(CertificateContent(
        language=request.language or language_for(known.get("preferred_language")), name=name,
        course_title=course["title"], hours=float(course["hours"]), starts_on=cohort["starts_on"],
        ends_on=cohort["ends_on"], provider=course["provider"], programme=config.programme_name,
        code=certificate["code"], verify_url=verification_url(config.public_url, certificate["code"])))


@retried_once
def verify(training: Training, code: str) -> dict:
    """What a genuine code certifies; ``NotFound`` for any other."""
    with training.reading() as session:
        found = certificates.verified(session, normalised(code))
    if found is None:
        raise NotFound("certificate: the code is not genuine")
    return {**found, "genuine": True, "hours": float(found["hours"])}


def verification_url(public_url: str, code: str) -> str:
    return f"{public_url.rstrip('/')}/certificates/{code}"
