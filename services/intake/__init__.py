"""Intake: referral, registration and the only home of survivors' personal data."""
