"""A run's timeline on its admin page: its steps, its compensations, its events.

Read from :mod:`orchestration.api` only (a :class:`RunData` and its
:class:`EventData` history), so what the page shows is what the API reports.
"""

import datetime as dt
import json

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.scope import ALL, Scope
from orchestration import api as orchestration_api
from orchestration.admin import markup
from orchestration.dto import EventData, RunData, StepData

# Events after which the next compensation's clock starts.
COMPENSATION_STARTS = {
    "run.compensating",
    "run.cancelling",
    "run.retry_requested",
    "step.compensated",
}


def run_timeline(*, run_id: str, scope: Scope = ALL) -> SafeString:
    """Return the run's steps, then its compensations, then its event history.

    Raises:
        RunNotFound: no run has this id, or ``scope`` does not include it.
    """
    run = orchestration_api.run_get(run_id=run_id, scope=scope)
    events = orchestration_api.run_events(run_id=run_id, scope=scope)
    return format_html(
        '<div class="aicmo-timeline"><h3>{}</h3>{}<h3>{}</h3>{}<h3>{}</h3>{}</div>',
        _("Steps"),
        _steps_table(run),
        _("Compensations, in the order they ran"),
        _compensations_table(run, events),
        _("Event history"),
        _events_table(run, events),
    )


def _steps_table(run: RunData) -> SafeString:
    rows = [
        (
            step.position + 1,
            step.name,
            markup.status(step.status),
            step.attempts,
            markup.timestamp(step.started_at),
            markup.timestamp(step.finished_at),
            markup.duration(step.started_at, step.finished_at),
            markup.error_text(step.error),
        )
        for step in run.steps
    ]
    return markup.table(
        ("#", "step", "status", "attempts", "started", "finished", "took", "error"),
        rows,
        "aicmo-steps",
    )


def _compensation_order(run: RunData) -> list[StepData]:
    """Steps in the order their compensations ran, then any still under way."""
    by_name = {step.name: step for step in run.steps}
    ordered = [by_name[name] for name in run.compensated_steps if name in by_name]
    pending = ("compensating", "compensation_failed")
    ordered += [
        s for s in reversed(run.steps) if s.status in pending and s not in ordered
    ]
    return ordered


def _compensation_spans(
    events: list[EventData],
) -> dict[str, tuple[dt.datetime | None, dt.datetime | None, list[str]]]:
    """Per step: when its compensation began and ended, and each failed attempt.

    A compensation begins when the one before it ended (or compensating began); an
    operator's retry starts the clock again, so waiting for the operator is not
    counted.
    """
    spans: dict[str, tuple[dt.datetime | None, dt.datetime | None, list[str]]] = {}
    clock: dt.datetime | None = None
    for event in events:
        if event.type == "run.retry_requested":
            spans = {name: (None, end, errs) for name, (_s, end, errs) in spans.items()}
        if event.type.startswith("step.compensation") or event.type == (
            "step.compensated"
        ):
            start, _end, errors = spans.get(event.step, (None, None, []))
            start = start or clock
            if event.type in ("step.compensation_retrying", "step.compensation_failed"):
                errors = [
                    *errors,
                    f"attempt {event.payload.get('attempt')}: "
                    f"{markup.error_text(event.payload)}",
                ]
            spans[event.step] = (start, event.occurred_at, errors)
        if event.type in COMPENSATION_STARTS:
            clock = event.occurred_at
    return spans


def _compensations_table(run: RunData, events: list[EventData]) -> SafeString:
    steps = _compensation_order(run)
    if not steps:
        return format_html("<p>{}</p>", _("No step was compensated."))
    spans = _compensation_spans(events)
    rows = []
    for order, step in enumerate(steps, 1):
        start, end, errors = spans.get(step.name, (None, None, []))
        rows.append(
            (
                order,
                step.name,
                markup.status(step.status),
                step.compensation_attempts,
                markup.timestamp(step.compensated_at),
                markup.duration(start, end) if step.compensated_at else "-",
                "; ".join(errors),
            )
        )
    return markup.table(
        ("#", "step", "status", "attempts", "compensated", "took", "errors"),
        rows,
        "aicmo-compensations",
    )


def _events_table(run: RunData, events: list[EventData]) -> SafeString:
    rows = [
        (
            event.seq,
            markup.timestamp(event.occurred_at),
            markup.duration(run.created_at, max(event.occurred_at, run.created_at)),
            event.step or "-",
            event.type,
            format_html(
                "<code>{}</code>", json.dumps(event.payload, sort_keys=True)[:400]
            ),
        )
        for event in events
    ]
    return markup.table(
        ("#", "time", "since start", "step", "event", "payload"), rows, "aicmo-events"
    )
