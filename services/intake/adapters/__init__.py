"""Intake's adapters: every SQL statement (tables, beneficiary rows, sealed data, consent,
duplicates, imports, OpenRosa receipts, report facts), the key store and the spreadsheet
readers."""
