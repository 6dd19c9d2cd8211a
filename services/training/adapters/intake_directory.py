"""Intake, asked over HTTP for a beneficiary's name at the moment a certificate is
printed: ``GET /beneficiaries/<id>?reason=...`` with the caller's own token, so intake
audits the read as theirs (who, when, which, why) and refuses a role that may not read it.

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


@dataclass(frozen=True)
class IntakeDirectory:
    base_url: str  # e.g. http://127.0.0.1:8001

    def name_of(self, beneficiary_id: str, token: str, reason: str) -> str:
        """The person's name as intake holds it now (first and second name)."""
        person = self._record(beneficiary_id, token, reason).get("person") or {}
        name = " ".join(part for part in (person.get("first_name"), person.get("second_name")) if part)
        if not name:
            raise NameUnavailable("intake holds no name for this beneficiary")
        return name

    def _record(self, beneficiary_id: str, token: str, reason: str) -> dict:
        query = urllib.parse.urlencode({"reason": reason})
        url = f"{self.base_url.rstrip('/')}/beneficiaries/{urllib.parse.quote(beneficiary_id)}?{query}"
        request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}",
                                                       "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:
                return json.loads(answer.read())
        except urllib.error.HTTPError as refused:
            raise _refusal(refused.code) from None
        except (OSError, ValueError):
            raise IntakeUnavailable() from None


def _refusal(status: int) -> Exception:
    if status in (401, 403):
        return IntakeRefused()
    if status == 404:
        return NotFound("beneficiary in intake")
    if status == 410:
        return NameUnavailable()
    return IntakeUnavailable()
