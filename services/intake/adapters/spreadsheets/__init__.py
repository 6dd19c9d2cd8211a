"""Bulk import of HTCDS files: reading, validating and reporting rows, without storage.

Files hold survivors' personal data, so nothing here keeps a whole file in memory or
puts a cell's value into an error message.
"""
