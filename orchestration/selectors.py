"""Orchestration reads."""

import datetime as dt

from django.db.models import Prefetch, QuerySet

from orchestration.models import RunEvent, StepRun, WorkflowRun


def run_find(*, run_id: str) -> WorkflowRun | None:
    return (
        WorkflowRun.objects.prefetch_related(
            Prefetch("steps", queryset=StepRun.objects.order_by("position"))
        )
        .filter(pk=run_id)
        .first()
    )


def run_list(
    *,
    status: str | None,
    workflow: str | None,
    brief_id: str | None,
    limit: int,
    after_id: str | None,
    created_after: dt.datetime | None = None,
    created_before: dt.datetime | None = None,
) -> QuerySet[WorkflowRun]:
    queryset = WorkflowRun.objects.prefetch_related(
        Prefetch("steps", queryset=StepRun.objects.order_by("position"))
    ).order_by("-id")
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
    if after_id:
        queryset = queryset.filter(id__lt=after_id)
    return queryset[:limit]


def run_events(*, run_id: str) -> QuerySet[RunEvent]:
    return RunEvent.objects.filter(run_id=run_id).order_by("seq")


def run_find_by_key(*, idempotency_key: str) -> WorkflowRun | None:
    return (
        WorkflowRun.objects.prefetch_related(
            Prefetch("steps", queryset=StepRun.objects.order_by("position"))
        )
        .filter(idempotency_key=idempotency_key)
        .first()
    )


def run_find_producer(*, draft_id: str) -> WorkflowRun | None:
    """Return the completed client_to_delivery run that produced ``draft_id``."""
    return (
        WorkflowRun.objects.prefetch_related("steps")
        .filter(
            workflow="client_to_delivery",
            status=WorkflowRun.Status.COMPLETED,
            outputs__draft_id=draft_id,
        )
        .order_by("-created_at")
        .first()
    )
