"""Notifications' rules: the message templates, discreet in every language. No Flask,
no session, no SQL."""
