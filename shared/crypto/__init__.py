"""Authenticated encryption primitives for the services that hold personal data
(intake; notifications for consented contact channels): the sealed-blob format, key
material from configuration, and their errors."""
