"""Training's HTTP API, one module per resource: a view parses the request, calls a use
case with training's runtime and shapes the answer; it holds no SQL."""
