"""Helpers for notifications' tests: a frozen clock, scripted gateways, people and
events delivered to the handlers as the consumer delivers them."""
