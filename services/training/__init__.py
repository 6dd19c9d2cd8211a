"""Training: courses, cohorts, enrolment, attendance and completion."""
