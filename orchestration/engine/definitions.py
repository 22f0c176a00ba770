"""What a workflow is: ordered steps, each an action and its compensation.

A :class:`Workflow` is a plain, frozen value. The workflows the product runs are
defined in :mod:`orchestration.sagas` and registered when the app is ready;
tooling (``bench``) registers its own. The runner looks a run's workflow up by
name with :func:`workflow_get`.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from orchestration.errors import UnknownWorkflow


@dataclass(frozen=True, slots=True, kw_only=True)
class StepContext:
    """What a step sees: the run's ids and options, and what earlier steps produced."""

    run_id: str
    brief_id: str
    pack: str
    options: Mapping[str, Any]
    key: str
    outputs: Mapping[str, Any]
    run_created_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class StepFailure:
    """A business failure whose writes must still commit (SPEC §4: the failing QC)."""

    code: str
    message: str
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class StepOutcome:
    """What a step's action returns: the ids it produced, or a recorded failure."""

    output: dict[str, Any]
    failure: StepFailure | None = None


StepAction = Callable[[StepContext], StepOutcome]
StepUndo = Callable[[StepContext], None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One step: its action, and how to undo it once it committed.

    ``abandon`` runs after the step failed for good, outside any transaction: it
    cleans up effects outside the database (files) that a rolled-back attempt may
    have left. ``max_attempts`` overrides ``AICMO_STEP_MAX_ATTEMPTS``.
    """

    name: str
    action: StepAction
    compensate: StepUndo | None = None
    abandon: StepUndo | None = None
    max_attempts: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Workflow:
    """A named, versioned list of steps.

    ``public_outputs`` are the output ids copied into the run's ``outputs`` (the run
    JSON); the others stay on the steps. ``fault_points`` maps a ``force_fail``
    value to the step it fails. ``needs_brief`` is False for a workflow that runs
    without a client brief.
    """

    name: str
    version: int
    steps: tuple[Step, ...]
    public_outputs: tuple[str, ...]
    fault_points: Mapping[str, str] = field(default_factory=dict)
    needs_brief: bool = True

    @property
    def step_names(self) -> tuple[str, ...]:
        return tuple(step.name for step in self.steps)


_registry: dict[str, Workflow] = {}


def workflow_register(*workflows: Workflow) -> None:
    """Make workflows startable by name; registering the same one again is a no-op."""
    for workflow in workflows:
        known = _registry.get(workflow.name)
        if known is not None and known is not workflow:
            raise ValueError(f"Another workflow is registered as {workflow.name!r}.")
        _registry[workflow.name] = workflow


def workflow_get(name: str) -> Workflow:
    """Return the registered workflow called ``name``.

    Raises:
        UnknownWorkflow: no workflow has this name.
    """
    workflow = _registry.get(name)
    if workflow is None:
        raise UnknownWorkflow({"workflow": [f"Unknown workflow '{name}'."]})
    return workflow
