"""Monitoring visits: an officer sees whether a funded business is operating. A visit
finding it operating opens the tranches that wait for one; visits are also what the
survival rate in the reports is counted from."""

from __future__ import annotations

# Monthly revenue, local currency: bands, never a figure a business could be traced by.
REVENUE_BANDS = ("none", "under_5000", "5000_20000", "20000_50000", "over_50000")
