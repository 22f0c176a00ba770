"""The sweeper's marks: which active runs nobody drives get a doorbell, and when.

The reads it also needs (runs due, leases still live) are in
:mod:`orchestration.selectors`.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from orchestration.models import ACTIVE_STATUSES, WorkflowRun

MAX_DOORBELL_DOUBLINGS = 6


def _doorbell_wait(grace: dt.timedelta, doorbells: int) -> dt.timedelta:
    return grace * (2 ** min(doorbells, MAX_DOORBELL_DOUBLINGS))


def runs_to_ring(*, limit: int = 500) -> list[str]:
    """Pick active runs nobody drives whose last doorbell is old; mark them rung.

    Due: the lease is free or expired, and the last doorbell (if any) is older than
    ``AICMO_DOORBELL_GRACE_SECONDS``, doubled for every doorbell the sweeper rang
    since the run was last claimed (at most 64 times the grace). A run whose worker
    died is rung at once (its claim reset the count); a run waiting in a long queue
    is rung again after 1, 2, 4 ... graces, not at every sweep, so a backlog does
    not flood the broker with doorbells. On PostgreSQL two sweepers never pick the
    same run: rows are taken with ``FOR UPDATE SKIP LOCKED``.
    """
    now = timezone.now()
    grace = dt.timedelta(seconds=float(settings.AICMO_DOORBELL_GRACE_SECONDS))
    with transaction.atomic(durable=True):
        queryset = (
            WorkflowRun.objects.filter(status__in=ACTIVE_STATUSES)
            .filter(Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lt=now))
            .filter(Q(rung_at__isnull=True) | Q(rung_at__lt=now - grace))
            .order_by("created_at")
        )
        if connection.features.has_select_for_update_skip_locked:
            queryset = queryset.select_for_update(skip_locked=True)
        candidates = queryset.values_list("id", "rung_at", "doorbells")[: limit * 10]
        run_ids = [
            run_id
            for run_id, rung_at, doorbells in candidates
            if rung_at is None or rung_at < now - _doorbell_wait(grace, doorbells)
        ][:limit]
        if run_ids:
            WorkflowRun.objects.filter(pk__in=run_ids).update(
                rung_at=now, doorbells=F("doorbells") + 1
            )
    return run_ids


def runs_unring(run_ids: Iterable[str]) -> None:
    """Forget doorbells that could not be sent: the next sweep rings these runs."""
    WorkflowRun.objects.filter(pk__in=list(run_ids)).update(rung_at=None)
