"""Notifications: discreet SMS and e-mail to beneficiaries, in their own language."""
