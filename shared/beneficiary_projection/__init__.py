"""The local view of beneficiaries that a consuming service keeps from intake's events.

Training and grants need to know who exists, whether they consent to case management
and whether they were erased, without ever reading intake's database or seeing personal
data: they keep this projection, keyed by the opaque id, upserted so that replays and
out-of-order delivery converge. Erasure is final: no later event undoes it.

``table`` defines it in a service's metadata, ``handlers`` keep it from intake's events,
``store`` reads and writes it, ``api`` shows it; ``migration_v*`` are the frozen steps
each service's migrations take.
"""
