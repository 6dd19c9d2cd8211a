"""Notifications' HTTP API, one module per resource: a view parses the request, calls a
use case with notifications' runtime and shapes the answer; it holds no SQL."""
