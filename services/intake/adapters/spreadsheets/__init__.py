"""Reading HTCDS files (the template's .xlsx, its CSV export) row by row, fingerprinting
them, and writing the rejected-rows report.

Files hold survivors' personal data, so nothing here keeps a whole file in memory or
puts a cell's value into an error message.
"""
