"""Orchestration reads."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from aicmo_site.kernel import paging
from aicmo_site.kernel.scope import ALL, Scope
from orchestration.models import ACTIVE_STATUSES, RunEvent, StepRun, WorkflowRun


def _with_steps() -> QuerySet[WorkflowRun]:
    """Runs with their steps in position order, fetched in one more query."""
    return WorkflowRun.objects.prefetch_related(
        Prefetch("steps", queryset=StepRun.objects.order_by("position"))
    )


def run_find(*, run_id: str, scope: Scope = ALL) -> WorkflowRun | None:
    """Return the run, or None when no run has this id or ``scope`` hides its brief.

    A run of no brief (``brief_id`` blank) is seen only by agency-wide users.
    """
    return scope.by_brief(_with_steps()).filter(pk=run_id).first()


def run_list(
    *,
    status: str | None,
    workflow: str | None,
    brief_id: str | None,
    limit: int,
    after_id: str | None,
    created_after: dt.datetime | None = None,
    created_before: dt.datetime | None = None,
    scope: Scope = ALL,
) -> QuerySet[WorkflowRun]:
    queryset = scope.by_brief(_with_steps())
    if status:
        queryset = queryset.filter(status=status)
    if workflow:
        queryset = queryset.filter(workflow=workflow)
    if brief_id:
        queryset = queryset.filter(brief_id=brief_id)
    if created_after is not None:
        queryset = queryset.filter(created_at__gte=created_after)
    if created_before is not None:
        queryset = queryset.filter(created_at__lt=created_before)
    return paging.page_by_id(queryset, limit=limit, after_id=after_id, descending=True)


def run_events(*, run_id: str) -> QuerySet[RunEvent]:
    return RunEvent.objects.filter(run_id=run_id).order_by("seq")


def run_find_producer(*, draft_id: str, scope: Scope = ALL) -> WorkflowRun | None:
    """Return the completed client_to_delivery run that produced ``draft_id``.

    None as well when ``scope`` does not include that run's brief.
    """
    return (
        scope.by_brief(_with_steps())
        .filter(
            workflow="client_to_delivery",
            status=WorkflowRun.Status.COMPLETED,
            outputs__draft_id=draft_id,
        )
        .order_by("-created_at")
        .first()
    )


def runs_due(*, limit: int = 100, run_ids: Iterable[str] | None = None) -> list[str]:
    """Return ids of active runs whose lease is free or expired, oldest first."""
    now = timezone.now()
    queryset = WorkflowRun.objects.filter(status__in=ACTIVE_STATUSES).filter(
        Q(lease_expires_at__isnull=True) | Q(lease_expires_at__lt=now)
    )
    if run_ids is not None:
        queryset = queryset.filter(pk__in=list(run_ids))
    return list(queryset.order_by("created_at").values_list("id", flat=True)[:limit])


def runs_leased_count() -> int:
    """Count active runs whose lease is still live."""
    return WorkflowRun.objects.filter(
        status__in=ACTIVE_STATUSES, lease_expires_at__gte=timezone.now()
    ).count()


def runs_next_lease_expiry() -> dt.datetime | None:
    """Return when the soonest live lease of an active run expires, or None."""
    return (
        WorkflowRun.objects.filter(
            status__in=ACTIVE_STATUSES, lease_expires_at__gte=timezone.now()
        )
        .order_by("lease_expires_at")
        .values_list("lease_expires_at", flat=True)
        .first()
    )


def run_produced(*, run: WorkflowRun) -> dict[str, Any]:
    """Return every id the run's steps produced, in step order (later ones win)."""
    produced: dict[str, Any] = {}
    for step in run.steps.all():
        produced.update(step.output or {})
    return produced
