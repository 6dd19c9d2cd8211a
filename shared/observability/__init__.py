"""What operators watch: the platform's metrics (their catalogue, the figures read when
scraped, how each process exposes them) beside ``shared.metrics``, the instruments."""
