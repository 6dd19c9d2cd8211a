"""Notifications' use cases, one module per capability: ``templates`` (the admin API),
``dispatch`` (the worker's sending round: ``claiming`` picks and marks, the gateways are
called, each message settled), ``reconciliation`` (messages a dead worker left
*sending*), ``reminders`` (the schedule's due reminders), ``callbacks`` (Kannel's
delivery reports and inbound SMS), ``history`` (a beneficiary's messages, counts,
reports, the sinks). ``saying`` queues a message inside a caller's transaction and
``announcements`` builds the events. The event handlers are in ``handlers.py``.
"""
