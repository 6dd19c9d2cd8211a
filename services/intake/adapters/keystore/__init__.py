"""Intake's key store: each beneficiary's data key, wrapped by a master key, kept in a
database of its own.

Personal data and the keys that open it never sit in the same database, so a backup of
intake's database alone is unreadable, and destroying a beneficiary's key (erasure)
makes their data unreadable in every copy of it, once the key store's own short-lived
backups have aged out.
"""
