"""Grants' database tables."""

from sqlalchemy import MetaData

from shared.beneficiary_projection.table import define_table
from shared.messaging.tables import define_messaging_tables

metadata = MetaData()
messaging = define_messaging_tables(metadata)

# Who exists, as announced by intake: opaque ids and non-identifying attributes only.
beneficiaries = define_table(metadata)
