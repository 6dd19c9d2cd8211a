"""What every service's HTTP side shares: app factory, auth, errors, health."""
