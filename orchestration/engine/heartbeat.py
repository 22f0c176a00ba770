"""The heartbeat: renews the leases of the runs this process drives, during long steps.

Every step's commit already renews its run's lease, so a run of short steps never
needs the heartbeat. A long step (a big PDF, a slow model call) would otherwise
outlive ``AICMO_LEASE_SECONDS`` and let another worker claim the run while this one
still works. So one daemon thread per process wakes every ``AICMO_HEARTBEAT_SECONDS``
(default: a third of the lease) and renews each held lease that no commit renewed in
that time, under the run's fence: if the fence moved on, the lease was lost, and the
step's own fenced commit will be rejected anyway.

On SQLite the heartbeat is not needed (see :func:`wanted`).

Holding and releasing a run are dictionary operations under a lock, cheap enough for
the engine's hot path; the thread touches the database only for runs whose step
runs longer than the interval. It uses its own connection (Django's connections
are per thread), in autocommit mode.
"""

import datetime as dt
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from orchestration.engine import store

logger = logging.getLogger("aicmo.orchestration")

_lock = threading.Lock()
# run id -> [fence, monotonic time of the last renewal]
_held: dict[str, list[float]] = {}
_lost: set[str] = set()
_wake = threading.Event()
_thread: threading.Thread | None = None


def interval_seconds() -> float:
    """Seconds between renewals; 0 disables the heartbeat."""
    configured = getattr(settings, "AICMO_HEARTBEAT_SECONDS", None)
    if configured is not None:
        return float(configured)
    return float(settings.AICMO_LEASE_SECONDS) / 3


def wanted() -> bool:
    """Whether runs in this process need the heartbeat.

    Not on SQLite: a step's transaction takes the database's write lock when it
    begins (``BEGIN IMMEDIATE``) and keeps it to its commit, so no other worker can
    claim the run meanwhile, and the commit renews the lease; a renewal from another
    thread would only wait for that lock.
    """
    return interval_seconds() > 0 and connection.vendor != "sqlite"


def hold(run_id: str, fence: int) -> None:
    """Start renewing ``run_id``'s lease, which this process holds under ``fence``."""
    global _thread
    if interval_seconds() <= 0:
        return
    with _lock:
        _held[run_id] = [fence, time.monotonic()]
        _lost.discard(run_id)
        if _thread is None or not _thread.is_alive():
            _thread = threading.Thread(
                target=_loop, name="aicmo-heartbeat", daemon=True
            )
            _thread.start()


def renewed(run_id: str) -> None:
    """Note that a commit just renewed the lease (no heartbeat needed for a while)."""
    held = _held.get(run_id)
    if held is not None:
        held[1] = time.monotonic()


def release(run_id: str) -> None:
    """Stop renewing ``run_id``'s lease."""
    with _lock:
        _held.pop(run_id, None)
        _lost.discard(run_id)


def was_lost(run_id: str) -> bool:
    """Whether a renewal found that another worker's claim took the lease over."""
    return run_id in _lost


def beat() -> list[str]:
    """Renew every held lease not renewed within the interval; return those renewed."""
    interval = interval_seconds()
    now_mono = time.monotonic()
    with _lock:
        due = [
            (run_id, int(fence))
            for run_id, (fence, last) in _held.items()
            if now_mono - last >= interval
        ]
    renewed_ids = []
    for run_id, fence in due:
        expires = timezone.now() + dt.timedelta(
            seconds=float(settings.AICMO_LEASE_SECONDS)
        )
        try:
            kept = store.lease_renew(run_id, fence, expires)
        except DatabaseError as exc:  # locked or disconnected: try again next beat
            logger.warning("heartbeat could not renew %s: %s", run_id, exc)
            continue
        with _lock:
            if run_id not in _held:
                continue
            if kept:
                _held[run_id][1] = time.monotonic()
                renewed_ids.append(run_id)
            else:
                logger.warning(
                    "heartbeat: the lease on %s (fence %s) was taken over",
                    run_id,
                    fence,
                )
                _held.pop(run_id, None)
                _lost.add(run_id)
    return renewed_ids


def _loop() -> None:
    try:
        while True:
            interval = interval_seconds()
            _wake.wait(max(interval / 2, 0.05) if interval > 0 else 1.0)
            with _lock:
                idle = not _held
            if idle:
                # Hold no database connection while nothing is held (a no-op when
                # none is open): it would keep a test database, say, from being
                # dropped.
                connection.close()
                continue
            beat()
    finally:  # pragma: no cover - daemon thread ends with the process
        connection.close()
