"""Training's use cases, one module per capability: ``courses``, ``cohorts`` (plans,
status, cancellation, calendar), ``enrolment`` (places, waitlist, withdrawal),
``attendance``, ``completion`` (and certificates), ``reports``; ``announcements`` builds
the events they emit. Each takes training's runtime (``bootstrap.Training``), the actor
(``domain.access.Actor``) where who asks matters, and a request, and runs in a unit of
work of its own: its writes and its events commit together.

The event handlers (intake's events) and their table are in ``handlers.py``.
"""
