"""Fault injection for demos, tests and drills (SPEC §4, §7), all in one place.

A run's options may ask for a fault; each is refused unless
``AICMO_ALLOW_FAULT_INJECTION`` is on:

- ``force_fail``: one of the workflow's ``fault_points`` (``qc``, ``delivery``); the
  step that owns the point reads it from its context and fails.
- ``crash_after``: a step name; the process exits with :data:`CRASH_EXIT_CODE` right
  after that step's transaction commits, with no cleanup (the crash drill).
- ``stall_in``: a step name; on the run's first claim, that step holds its
  transaction open for ``AICMO_STALL_SECONDS`` with its writes made (the takeover
  drills: a worker killed or frozen mid-step).
"""

import logging
import os
import time
from collections.abc import Mapping
from typing import Any

from django.conf import settings

from orchestration.engine.definitions import Workflow
from orchestration.errors import FaultInjectionDisabled, InvalidRunOptions

logger = logging.getLogger("aicmo.orchestration")

CRASH_EXIT_CODE = 70
STEP_FAULTS = ("crash_after", "stall_in")


def options_validate(workflow: Workflow, options: Mapping[str, Any]) -> dict[str, Any]:
    """Return the fault options that are set, checked against ``workflow``.

    Raises:
        InvalidRunOptions: naming every bad option.
        FaultInjectionDisabled: a fault was asked for while the setting is off.
    """
    clean: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    force_fail = options.get("force_fail")
    if force_fail not in (None, ""):
        if force_fail not in workflow.fault_points:
            allowed = ", ".join(sorted(workflow.fault_points)) or "none"
            errors["force_fail"] = [f"Must be one of: {allowed}."]
        else:
            clean["force_fail"] = force_fail
    for name in STEP_FAULTS:
        value = options.get(name)
        if value in (None, ""):
            continue
        if value not in workflow.step_names:
            errors[name] = [f"Must be one of: {', '.join(workflow.step_names)}."]
        else:
            clean[name] = value
    if errors:
        raise InvalidRunOptions(errors)
    if clean and not settings.AICMO_ALLOW_FAULT_INJECTION:
        raise FaultInjectionDisabled()
    return clean


def stall_if_asked(
    options: Mapping[str, Any], step: str, *, fence: int, owner: str, run_id: str
) -> None:
    """Hold the step's open transaction, on the run's first claim only.

    So the worker that takes the run over after a kill or a freeze finishes it.
    """
    if fence != 1 or options.get("stall_in") != step:
        return
    seconds = float(settings.AICMO_STALL_SECONDS)
    logger.warning(
        "stall drill: %s holds %s of %s for %.1fs before its commit",
        owner,
        step,
        run_id,
        seconds,
    )
    time.sleep(seconds)


def crash_if_asked(options: Mapping[str, Any], step: str) -> None:
    """Exit the process at once, with no cleanup, if the run asked to crash here."""
    if options.get("crash_after") == step:
        logger.warning("crash drill: exiting after %s committed", step)
        os._exit(CRASH_EXIT_CODE)
