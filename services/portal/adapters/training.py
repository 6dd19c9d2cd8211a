"""Training's API as the portal uses it: cohorts and their enrolments, attendance,
completion, certificates and the training report."""

from __future__ import annotations

from dataclasses import dataclass

from services.portal.adapters.http import Download, ServiceClient


@dataclass
class TrainingApi:
    client: ServiceClient

    def cohorts(self, status: str | None = None) -> list[dict]:
        return self.client.get("/cohorts", {"status": status})

    def cohort(self, cohort_id: str) -> dict:
        return self.client.get(f"/cohorts/{cohort_id}")

    def course(self, course_id: str) -> dict:
        return self.client.get(f"/courses/{course_id}")

    def courses(self) -> list[dict]:
        return self.client.get("/courses")

    def roster(self, cohort_id: str) -> list[dict]:
        return self.client.get(f"/cohorts/{cohort_id}/enrolments")

    def enrol(self, cohort_id: str, beneficiary_id: str) -> dict:
        return self.client.post(f"/cohorts/{cohort_id}/enrolments", {"beneficiary_id": beneficiary_id})

    def attendance(self, cohort_id: str, session_id: str) -> dict:
        return self.client.get(f"/cohorts/{cohort_id}/sessions/{session_id}/attendance")

    def take_attendance(self, cohort_id: str, session_id: str, marks: list[dict]) -> dict:
        return self.client.put(f"/cohorts/{cohort_id}/sessions/{session_id}/attendance",
                               {"marks": marks})

    def complete(self, enrolment_id: str, assessment_score: int | None) -> dict:
        return self.client.post(f"/enrolments/{enrolment_id}/completion",
                                {"assessment_score": assessment_score})

    def enrolments_of(self, beneficiary_id: str) -> list[dict]:
        return self.client.get(f"/beneficiaries/{beneficiary_id}/enrolments")

    def certificate(self, enrolment_id: str, language: str | None) -> Download:
        return self.client.download(f"/enrolments/{enrolment_id}/certificate.pdf",
                                    {"language": language})

    def report(self, start, end, oblast: str | None = None, csv: bool = False):
        params = {"start": start, "end": end, "oblast": oblast, "format": "csv" if csv else "json"}
        return self.client.download("/reports/training", params) if csv else \
            self.client.get("/reports/training", params)
