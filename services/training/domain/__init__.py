"""Training's rules (courses, cohorts, enrolment, attendance, completion) and their
errors: no Flask, no session, no SQL."""
