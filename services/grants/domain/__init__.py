"""Grants' rules (eligibility, scoring, four-eyes approval, budgets, tranches) and
their errors: no Flask, no session, no SQL."""
