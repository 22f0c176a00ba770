"""The saga engine: runs durable workflows of steps, each undone in reverse on failure.

Read it in this order (docs/decisions/0003-saga-engine.md and 0006 say why):

1. ``definitions``: what a workflow is (steps, their actions and compensations) and
   the registry the runner finds workflows in.
2. ``runs``: a run's life outside the runner: start (the one launch path), claim,
   advance, and the operator's retry and cancel.
3. ``runner``: the loop that drives a claimed run forward one durable, fenced
   transaction per step, and back through the compensations.
4. ``store``: the hot path's hand-written SQL; every event gets its ``seq`` here.
5. ``executors``: who drives a run after it starts: inline, or a Celery doorbell.
6. ``heartbeat``: renews the leases of runs whose steps outlive a third of the lease.
7. ``sweeper``: which runs nobody drives get a doorbell, and when.
8. ``faults``: fault injection for demos, tests and drills, all in one place.

Nothing here knows a business app: the workflows the product runs are in
:mod:`orchestration.sagas`, and the use cases on top in :mod:`orchestration.services`.
"""
