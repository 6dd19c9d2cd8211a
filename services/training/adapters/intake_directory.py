"""Intake, asked over HTTP for a beneficiary's name at the moment a certificate is
printed, with the caller's own token, so intake audits the read as theirs (who, when,
which, why) and refuses whoever may not read it:

- a caseworker or admin reads the record, ``GET /beneficiaries/<id>?reason=...``;
- a trainer reads the name alone, ``GET /beneficiaries/<id>/certificate-name`` with the
  enrolment and the certificate's code, which intake gives only to the trainers of the
  cohort in which the person completed that enrolment.

Training keeps nothing of the answer but the name, for the page being drawn.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from services.training.domain.errors import IntakeRefused, IntakeUnavailable, NameUnavailable, NotFound

TIMEOUT_SECONDS = 10
CERTIFICATE_OF_COMPLETION = "certificate of completion"


@dataclass(frozen=True)
class NameForCertificate:
    beneficiary_id: str
    enrolment_id: str
    certificate_code: str
    as_trainer: bool  # asked by a trainer of the cohort: the name alone, at its own address


@dataclass(frozen=True)
class IntakeDirectory:
    base_url: str  # e.g. http://127.0.0.1:8001

    def name_of(self, wanted: NameForCertificate, token: str) -> str:
        """The person's name as intake holds it now (first and second name)."""
        person = self._get(_path_and_query(wanted), token).get("person") or {}
        name = " ".join(part for part in (person.get("first_name"), person.get("second_name")) if part)
        if not name:
            raise NameUnavailable("intake holds no name for this beneficiary")
        return name

    def _get(self, path_and_query: str, token: str) -> dict:
        url = f"{self.base_url.rstrip('/')}{path_and_query}"
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}",
                                                       "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as refused:
            raise _refusal(refused.code) from None
        except (OSError, ValueError):
            raise IntakeUnavailable() from None


def _path_and_query(wanted: NameForCertificate) -> str:
    path = f"/beneficiaries/{urllib.parse.quote(wanted.beneficiary_id)}"
    if wanted.as_trainer:
        return f"{path}/certificate-name?" + urllib.parse.urlencode(
            {"enrolment_id": wanted.enrolment_id, "certificate_code": wanted.certificate_code})
    return f"{path}?" + urllib.parse.urlencode(
        {"reason": f"{CERTIFICATE_OF_COMPLETION} {wanted.certificate_code}"})


def _refusal(status: int) -> Exception:
    if status in (401, 403):
        return IntakeRefused()
    if status == 404:
        return NotFound("beneficiary in intake")
    if status == 410:
        return NameUnavailable()
    return IntakeUnavailable()
