"""Intake's rules: the HTCDS record and its picklists, phones and the programme's
country, consent, NRM status, what stays in clear, indicators and their suppression,
and their errors. No Flask, no session, no SQL."""
