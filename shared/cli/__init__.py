"""The ``vidnova`` command line, given the platform's services."""
