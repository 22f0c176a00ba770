"""Domain events, and the recorder that lets apps raise them without importing a bus.

While a saga step runs, orchestration installs a recorder; an app's command calls
:func:`record`, and orchestration writes the events in the step's own transaction.
Outside a recorder, events are logged at INFO on ``aicmo.events`` and dropped: nothing
outside a run subscribes to them yet.
"""

import contextlib
import contextvars
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger("aicmo.events")

_recorder: contextvars.ContextVar[list["DomainEvent"] | None] = contextvars.ContextVar(
    "aicmo_event_recorder", default=None
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DomainEvent:
    """Something that happened in an app: ``type`` like ``strategy.generated``."""

    type: str
    payload: dict[str, Any] = field(default_factory=dict)


def record(event: DomainEvent) -> None:
    """Record ``event`` in the active recorder, or log it when none is active."""
    events = _recorder.get()
    if events is None:
        logger.info("event outside a run: %s %s", event.type, event.payload)
        return
    events.append(event)


@contextlib.contextmanager
def recording() -> Iterator[list[DomainEvent]]:
    """Collect the events recorded inside the block into the yielded list."""
    events: list[DomainEvent] = []
    token = _recorder.set(events)
    try:
        yield events
    finally:
        _recorder.reset(token)
