"""Grants's database tables."""

from sqlalchemy import MetaData

from shared import beneficiary_projection
from shared.messaging.tables import define_messaging_tables

metadata = MetaData()
messaging = define_messaging_tables(metadata)

# Who exists, as announced by intake: opaque ids and non-identifying attributes only.
beneficiaries = beneficiary_projection.define_table(metadata)
