"""Domain events, and the recorder that lets apps raise them without importing a bus.

While a saga step runs, orchestration installs a recorder; an app's command calls
:func:`record`, and orchestration writes the events in the step's own transaction.

Outside a recorder, :func:`record` hands the event to the *sink*, if one is installed
(orchestration installs its transactional outbox at startup, see
:func:`sink_install`). The sink writes the event in the caller's transaction and says
whether it kept it. An event that no sink keeps is logged at INFO on ``aicmo.events``
and dropped.
"""

import contextlib
import contextvars
import logging
from collections.abc import Callable, Iterator
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


EventSink = Callable[[DomainEvent], bool]
"""Takes an event recorded outside a run; returns whether it kept the event."""

_sink: EventSink | None = None


def sink_install(sink: EventSink | None) -> EventSink | None:
    """Install ``sink`` for events recorded outside a recorder; return the previous.

    ``None`` removes the sink, so such events are logged and dropped again.
    """
    global _sink  # one process-wide hook, set once at startup
    previous, _sink = _sink, sink
    return previous


def record(event: DomainEvent) -> None:
    """Record ``event`` in the active recorder, else pass it to the sink, or log it."""
    events = _recorder.get()
    if events is not None:
        events.append(event)
        return
    sink = _sink
    if sink is not None and sink(event):
        return
    logger.info("event outside a run: %s %s", event.type, event.payload)


@contextlib.contextmanager
def recording() -> Iterator[list[DomainEvent]]:
    """Collect the events recorded inside the block into the yielded list."""
    events: list[DomainEvent] = []
    token = _recorder.set(events)
    try:
        yield events
    finally:
        _recorder.reset(token)
