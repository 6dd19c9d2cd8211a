"""Vidnova's platform kit: what every service stands on."""
