"""Vidnova's four services."""
