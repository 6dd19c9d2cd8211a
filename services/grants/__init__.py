"""Grants: business plans, scoring, decisions, tranches and disbursements."""
