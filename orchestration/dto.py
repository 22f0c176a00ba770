"""Orchestration's public data: runs, their steps and their events."""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class RunStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPENSATING = "compensating"
    COMPLETED = "completed"
    COMPENSATED = "compensated"
    COMPENSATION_FAILED = "compensation_failed"
    FAILED = "failed"
    CANCELLED = "cancelled"


class StepStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    COMPENSATING = "compensating"
    COMPENSATED = "compensated"
    COMPENSATION_FAILED = "compensation_failed"


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


@dataclass(frozen=True, slots=True, kw_only=True)
class StepData:
    name: str
    position: int
    status: StepStatus
    attempts: int
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    error: dict[str, Any] | None
    compensation_attempts: int
    compensated_at: dt.datetime | None

    @property
    def duration_ms(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds() * 1000


@dataclass(frozen=True, slots=True, kw_only=True)
class EventData:
    seq: int
    type: str
    step: str
    payload: dict[str, Any]
    occurred_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class RunData:
    id: str
    workflow: str
    status: RunStatus
    brief_id: str
    pack: str
    idempotency_key: str | None
    options: dict[str, Any]
    trace_id: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    outputs: dict[str, Any]
    steps: tuple[StepData, ...]
    compensated_steps: tuple[str, ...]
    error: dict[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        """Return the run JSON of SPEC §4 (the API and ``run_workflow --json``)."""
        return {
            "id": self.id,
            "workflow": self.workflow,
            "status": self.status.value,
            "brief_id": self.brief_id,
            "pack": self.pack,
            "idempotency_key": self.idempotency_key,
            "created_at": _iso(self.created_at),
            "finished_at": _iso(self.finished_at),
            "outputs": dict(self.outputs),
            "steps": [
                {
                    "name": step.name,
                    "status": step.status.value,
                    "attempts": step.attempts,
                    "started_at": _iso(step.started_at),
                    "finished_at": _iso(step.finished_at),
                    "error": step.error,
                }
                for step in self.steps
            ],
            "compensated_steps": list(self.compensated_steps),
            "error": self.error,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class RecoveryData:
    """What one recovery sweep did.

    Inline, the sweep drives each due run itself (``resumed``); with a queued
    executor it rings a doorbell for each (``rung``) and the workers drive them.
    """

    resumed: tuple[RunData, ...]
    still_leased: int
    rung: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DispatchSummary:
    """What one delivery of pending outbox events did."""

    delivered: int
    failed: int
