"""Grants' HTTP API, one module per resource: a view parses the request, calls a use
case with grants's runtime and shapes the answer; it holds no SQL."""
