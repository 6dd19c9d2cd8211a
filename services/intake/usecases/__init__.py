"""Intake's use cases, one module per capability: ``registration``, ``update``,
``consent``, ``erasure``, ``reading`` (audited reads and search), ``imports`` (files),
``openrosa`` (Kobo/ODK submissions), ``reports``, ``orphan_keys`` (the worker's sweep of
data keys left without their beneficiary); ``announcements`` builds the events they
emit. Each takes intake's runtime (``bootstrap.Intake``) and a request, and runs in a
unit of work of its own: its writes and its events commit together. Each is
``retried_once`` (``shared.lost_connections``): run again when it lost its database
connection before anything of it committed. An import, which commits batch by batch, is
not: it stops, and the same file again goes on from its last batch.

Intake publishes events and consumes none: its handler table is empty.
"""

HANDLERS: dict = {}
