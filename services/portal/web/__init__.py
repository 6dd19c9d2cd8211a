"""What every page of the portal has: the signed-in session with its CSRF token and idle
time-out, the language, and the security headers."""
