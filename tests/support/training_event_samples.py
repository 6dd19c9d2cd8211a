"""Valid sample data for every contract training publishes, one entry per (type, version)."""

from shared.events.contracts.training import (
    ABSENCE_ALERT,
    COHORT_CANCELLED,
    COHORT_SCHEDULED,
    ENROLMENT_COMPLETED,
    ENROLMENT_CREATED,
    ENROLMENT_PROMOTED,
    ENROLMENT_WAITLISTED,
    ENROLMENT_WITHDRAWN,
)

_PLACEMENT = {
    "enrolment_id": "5a0c7d0e-1f43-4b1e-8f0a-6a3f3b1f2c01",
    "cohort_id": "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9",
    "course_id": "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5",
    "beneficiary_id": "0b5f5a3e-6c1e-4c8e-9f43-2d0c1f6f9a11",
}

TRAINING_SAMPLES = {
    (COHORT_SCHEDULED, 1): {
        "cohort_id": _PLACEMENT["cohort_id"], "course_id": _PLACEMENT["course_id"],
        "course_category": "business_skills", "oblast": "UA-46", "online": False,
        "starts_on": "2027-03-01", "ends_on": "2027-03-12", "capacity": 20, "status": "open",
        "sessions": [{"session_id": "9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a",
                      "starts_at": "2027-03-01T08:00:00+00:00",
                      "ends_at": "2027-03-01T11:00:00+00:00", "time_zone": "Europe/Kyiv"}],
    },
    (COHORT_CANCELLED, 1): {
        "cohort_id": _PLACEMENT["cohort_id"], "course_id": _PLACEMENT["course_id"],
        "affected": [{"enrolment_id": _PLACEMENT["enrolment_id"],
                      "beneficiary_id": _PLACEMENT["beneficiary_id"], "status": "waitlisted"}],
    },
    (ENROLMENT_CREATED, 1): {**_PLACEMENT, "course_category": "vocational"},
    (ENROLMENT_WAITLISTED, 1): {**_PLACEMENT, "position": 3},
    (ENROLMENT_PROMOTED, 1): _PLACEMENT,
    (ENROLMENT_WITHDRAWN, 1): {**_PLACEMENT, "previous_status": "enrolled"},
    (ENROLMENT_COMPLETED, 1): {**_PLACEMENT, "course_category": "business_skills", "hours": 36.5,
                               "completed_on": "2027-03-12", "certificate_code": "K7QF-2M9X-TR4D",
                               "trainers": ["trainer-olha", "trainer-petro"]},
    (ABSENCE_ALERT, 1): {**_PLACEMENT, "consecutive_absences": 2,
                         "last_session_id": "9d8c7b6a-5f4e-4d3c-2b1a-0f9e8d7c6b5a",
                         "last_session_on": "2027-03-03"},
}
