"""Training's adapters: its tables and every SQL statement, file and gateway."""
