"""Grants' use cases, one module per capability: ``programmes`` (envelopes and rates),
``suppliers``, ``applications`` (drafts and their documents), ``submission``
(eligibility), ``reviews``, ``decisions`` (four eyes, commitment), ``tranches``
(release, payment, reversal), ``monitoring``, ``reports``; ``announcements`` builds the
events they emit. Each takes grants' runtime (``bootstrap.Grants``) and a request, and
runs in a unit of work of its own: its writes and its events commit together.

The event handlers and their table are in ``services/grants/handlers.py``.
"""
