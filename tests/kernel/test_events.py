"""The kernel's event recorder and its sink for events raised outside a run."""

import logging

import pytest

from aicmo_site.kernel import events

EVENT = events.DomainEvent(type="cam.client_signed", payload={"lead_id": "lead_1"})


@pytest.fixture
def sink_calls():
    """Install a sink that keeps what it is given; restore the real one after."""
    calls: list[events.DomainEvent] = []

    def sink(event: events.DomainEvent) -> bool:
        calls.append(event)
        return event.type == "cam.client_signed"

    previous = events.sink_install(sink)
    yield calls
    events.sink_install(previous)


@pytest.fixture
def no_sink():
    previous = events.sink_install(None)
    yield
    events.sink_install(previous)


def test_without_a_sink_an_event_outside_a_run_is_logged_and_dropped(no_sink, caplog):
    caplog.set_level(logging.INFO, logger="aicmo.events")

    events.record(EVENT)

    assert [(r.name, r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "aicmo.events",
            "INFO",
            "event outside a run: cam.client_signed {'lead_id': 'lead_1'}",
        )
    ]


def test_an_event_outside_a_run_goes_to_the_sink_and_is_not_logged(sink_calls, caplog):
    caplog.set_level(logging.INFO, logger="aicmo.events")

    events.record(EVENT)

    assert sink_calls == [EVENT]
    assert caplog.records == []


def test_an_event_the_sink_does_not_keep_is_logged(sink_calls, caplog):
    caplog.set_level(logging.INFO, logger="aicmo.events")
    other = events.DomainEvent(type="brief.submitted", payload={"brief_id": "b"})

    events.record(other)

    assert sink_calls == [other]
    assert [r.getMessage() for r in caplog.records] == [
        "event outside a run: brief.submitted {'brief_id': 'b'}"
    ]


def test_inside_a_recorder_events_bypass_the_sink(sink_calls, caplog):
    caplog.set_level(logging.INFO, logger="aicmo.events")

    with events.recording() as recorded:
        events.record(EVENT)

    assert recorded == [EVENT]
    assert sink_calls == []
    assert caplog.records == []


def test_sink_install_returns_the_previous_sink(no_sink):
    def first(event: events.DomainEvent) -> bool:
        return True

    assert events.sink_install(first) is None
    assert events.sink_install(None) is first
