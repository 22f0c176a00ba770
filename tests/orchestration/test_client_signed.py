"""Closing a deal signs the client in onboarding, once (issue 6, item 5).

cam records ``cam.client_signed`` outside any run; orchestration's outbox stores it in
the deal's transaction and, after the commit, its subscriber creates the client
through onboarding's public API.
"""

import logging
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from aicmo_site.kernel import events
from cam import api as cam_api
from cam.dto import LeadStatus
from onboarding import api as onboarding_api
from orchestration import subscribers
from orchestration.models import EventDelivery, OutboxEvent
from orchestration.subscribers import DispatchOutcome, DispatchSummary
from tests.cam.factories import CampaignFactory, lead_in

pytestmark = pytest.mark.django_db

SUBSCRIBER = "onboarding.client_register_signed"


@pytest.fixture
def lead():
    campaign = CampaignFactory(niche="Dental clinics")
    return lead_in(
        "QUALIFIED",
        campaign=campaign,
        name="Jane Doe",
        email="Jane@Acme.Example",
        company="Acme Dental",
    )


def _payload(lead, contract_value="12500.00"):
    return {
        "client_name": "Acme Dental",
        "email": "jane@acme.example",
        "company": "Acme Dental",
        "contract_value": contract_value,
        "lead_id": lead.id,
        "campaign_id": lead.campaign_id,
    }


def _client_fields(client):
    return {
        "name": client.name,
        "website": client.website,
        "industry": client.industry,
        "geography": client.geography,
        "email": client.email,
        "source_ref": client.source_ref,
        "contract_value": client.contract_value,
    }


def _expected_client(lead, contract_value="12500.00"):
    return {
        "name": "Acme Dental",
        "website": "https://acme.example",
        "industry": "Dental clinics",
        "geography": "",
        "email": "jane@acme.example",
        "source_ref": lead.id,
        "contract_value": Decimal(contract_value),
    }


def _close(lead, capture, contract_value="12500"):
    with capture(execute=True) as callbacks:
        result = cam_api.deal_close(
            lead_id=lead.id, contract_value=Decimal(contract_value)
        )
    assert len(callbacks) == 1
    return result


def _handler_failing(monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("onboarding is down")

    monkeypatch.setattr(subscribers.onboarding_api, "client_register_signed", fail)


# --- the happy path ---------------------------------------------------------------


def test_closing_a_deal_creates_exactly_one_client_in_onboarding(
    lead, django_capture_on_commit_callbacks
):
    result = _close(lead, django_capture_on_commit_callbacks)

    assert result.status is LeadStatus.ROUTED
    clients = onboarding_api.client_list()
    assert [_client_fields(c) for c in clients] == [_expected_client(lead)]
    event = OutboxEvent.objects.get()
    assert event.id.startswith("evt_")
    assert (event.type, event.payload) == ("cam.client_signed", _payload(lead))
    assert event.dispatched_at is not None
    assert (event.attempts, event.last_error) == (1, None)
    assert list(EventDelivery.objects.values_list("event_id", "subscriber")) == [
        (event.id, SUBSCRIBER)
    ]


def test_closing_a_deal_over_rest_creates_exactly_one_client(
    lead, django_user_model, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user("olivia")
    user.groups.add(Group.objects.get(name="operators"))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            f"/api/v1/leads/{lead.id}/close/",
            {"contract_value": "4500.00"},
            format="json",
        )

    assert response.status_code == 200
    assert response.json()["status"] == "ROUTED"
    assert cam_api.lead_get(lead_id=lead.id).status is LeadStatus.ROUTED
    assert [_client_fields(c) for c in onboarding_api.client_list()] == [
        _expected_client(lead, "4500.00")
    ]
    assert OutboxEvent.objects.filter(dispatched_at__isnull=False).count() == 1
    assert EventDelivery.objects.count() == 1


def test_an_event_nobody_subscribes_to_is_not_stored(caplog):
    caplog.set_level(logging.INFO, logger="aicmo.events")

    events.record(events.DomainEvent(type="brief.submitted", payload={"x": 1}))

    assert OutboxEvent.objects.count() == 0
    assert [r.getMessage() for r in caplog.records] == [
        "event outside a run: brief.submitted {'x': 1}"
    ]


def test_an_event_inside_a_run_goes_to_the_recorder_not_the_outbox(lead):
    with events.recording() as recorded:
        cam_api.deal_close(lead_id=lead.id, contract_value=Decimal("12500"))

    assert [e.type for e in recorded] == ["cam.client_signed"]
    assert OutboxEvent.objects.count() == 0
    assert onboarding_api.client_list() == []


# --- replays ----------------------------------------------------------------------


def test_dispatching_a_delivered_event_again_does_nothing(
    lead, django_capture_on_commit_callbacks
):
    _close(lead, django_capture_on_commit_callbacks)
    event = OutboxEvent.objects.get()

    outcome = subscribers.event_dispatch(event_id=event.id)
    summary = subscribers.events_dispatch_pending()

    assert outcome is DispatchOutcome.SKIPPED
    assert summary == DispatchSummary(delivered=0, failed=0)
    assert len(onboarding_api.client_list()) == 1
    assert EventDelivery.objects.count() == 1
    event.refresh_from_db()
    assert event.attempts == 1


def test_redispatching_all_events_skips_subscribers_that_have_them(
    lead, django_capture_on_commit_callbacks, monkeypatch
):
    _close(lead, django_capture_on_commit_callbacks)
    # As if the outbox forgot it had delivered: only the inbox remembers.
    OutboxEvent.objects.update(dispatched_at=None)
    calls = []
    monkeypatch.setattr(
        subscribers.onboarding_api, "client_register_signed", calls.append
    )

    summary = subscribers.events_dispatch_pending()

    assert summary == DispatchSummary(delivered=1, failed=0)
    assert calls == []
    assert len(onboarding_api.client_list()) == 1
    assert EventDelivery.objects.count() == 1
    assert OutboxEvent.objects.filter(dispatched_at__isnull=True).count() == 0


def test_replaying_the_event_without_its_inbox_row_creates_no_second_client(
    lead, django_capture_on_commit_callbacks
):
    _close(lead, django_capture_on_commit_callbacks)
    before = onboarding_api.client_list()
    OutboxEvent.objects.update(dispatched_at=None)
    EventDelivery.objects.all().delete()

    summary = subscribers.events_dispatch_pending()

    assert summary == DispatchSummary(delivered=1, failed=0)
    assert onboarding_api.client_list() == before
    assert EventDelivery.objects.count() == 1


def test_a_second_event_for_the_same_lead_creates_no_second_client(
    lead, django_capture_on_commit_callbacks
):
    _close(lead, django_capture_on_commit_callbacks)
    before = onboarding_api.client_list()

    with django_capture_on_commit_callbacks(execute=True):
        events.record(
            events.DomainEvent(type="cam.client_signed", payload=_payload(lead, "1.00"))
        )

    assert OutboxEvent.objects.filter(dispatched_at__isnull=False).count() == 2
    assert EventDelivery.objects.count() == 2
    assert onboarding_api.client_list() == before
    assert [_client_fields(c) for c in before] == [_expected_client(lead)]


# --- failures ---------------------------------------------------------------------


def test_a_failing_subscriber_leaves_the_deal_closed_and_the_event_pending(
    lead, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    _handler_failing(monkeypatch)

    result = _close(lead, django_capture_on_commit_callbacks)

    assert result.status is LeadStatus.ROUTED
    assert cam_api.lead_get(lead_id=lead.id).status is LeadStatus.ROUTED
    assert onboarding_api.client_list() == []
    assert EventDelivery.objects.count() == 0
    event = OutboxEvent.objects.get()
    assert event.dispatched_at is None
    assert event.attempts == 1
    assert event.last_attempt_at is not None
    assert event.last_error == {SUBSCRIBER: "RuntimeError: onboarding is down"}
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        f"subscriber {SUBSCRIBER} failed on event {event.id} (cam.client_signed)"
    ]


def test_a_subscriber_failing_after_its_write_leaves_nothing_behind(
    lead, django_capture_on_commit_callbacks, monkeypatch
):
    register = onboarding_api.client_register_signed

    def register_then_fail(**kwargs):
        register(**kwargs)
        raise RuntimeError("lost the connection")

    monkeypatch.setattr(
        subscribers.onboarding_api, "client_register_signed", register_then_fail
    )

    _close(lead, django_capture_on_commit_callbacks)

    assert onboarding_api.client_list() == []
    assert EventDelivery.objects.count() == 0
    assert OutboxEvent.objects.get().dispatched_at is None


def test_dispatch_events_delivers_a_pending_event_once_the_subscriber_recovers(
    lead, django_capture_on_commit_callbacks, monkeypatch, capsys
):
    _handler_failing(monkeypatch)
    _close(lead, django_capture_on_commit_callbacks)
    monkeypatch.undo()

    call_command("dispatch_events")

    assert capsys.readouterr().out == "Delivered 1 event(s).\n"
    assert [_client_fields(c) for c in onboarding_api.client_list()] == [
        _expected_client(lead)
    ]
    event = OutboxEvent.objects.get()
    assert event.dispatched_at is not None
    assert (event.attempts, event.last_error) == (2, None)
    assert EventDelivery.objects.count() == 1

    call_command("dispatch_events")

    assert capsys.readouterr().out == "Delivered 0 event(s).\n"
    assert len(onboarding_api.client_list()) == 1


def test_dispatch_events_fails_while_an_event_still_fails(
    lead, django_capture_on_commit_callbacks, monkeypatch, capsys
):
    _handler_failing(monkeypatch)
    _close(lead, django_capture_on_commit_callbacks)

    with pytest.raises(CommandError) as exc_info:
        call_command("dispatch_events")

    assert str(exc_info.value) == (
        "1 event(s) failed and stay pending; see the outbox events in the admin "
        "for their errors."
    )
    assert capsys.readouterr().out == "Delivered 0 event(s).\n"
    event = OutboxEvent.objects.get()
    assert (event.attempts, event.dispatched_at) == (2, None)
    assert onboarding_api.client_list() == []


def test_the_sweep_tries_never_tried_events_before_retrying_failures(
    lead, django_capture_on_commit_callbacks, monkeypatch
):
    _handler_failing(monkeypatch)
    _close(lead, django_capture_on_commit_callbacks)
    failing = OutboxEvent.objects.get()
    monkeypatch.undo()
    # A newer event, stored but not yet dispatched (its transaction just committed).
    with django_capture_on_commit_callbacks(execute=False):
        events.record(
            events.DomainEvent(type="cam.client_signed", payload=_payload(lead))
        )
    fresh = OutboxEvent.objects.exclude(pk=failing.pk).get()

    summary = subscribers.events_dispatch_pending(limit=1)

    assert summary == DispatchSummary(delivered=1, failed=0)
    fresh.refresh_from_db()
    failing.refresh_from_db()
    assert fresh.dispatched_at is not None
    assert failing.dispatched_at is None


# --- without the outbox -----------------------------------------------------------


def test_without_a_sink_the_event_is_logged_and_dropped(lead, caplog):
    caplog.set_level(logging.INFO, logger="aicmo.events")
    previous = events.sink_install(None)
    try:
        cam_api.deal_close(lead_id=lead.id, contract_value=Decimal("12500"))
    finally:
        events.sink_install(previous)

    assert cam_api.lead_get(lead_id=lead.id).status is LeadStatus.ROUTED
    assert OutboxEvent.objects.count() == 0
    assert onboarding_api.client_list() == []
    assert [r.getMessage() for r in caplog.records] == [
        f"event outside a run: cam.client_signed {_payload(lead)}"
    ]


# --- real transactions ------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_client_is_created_when_the_deal_commits(lead):
    cam_api.deal_close(lead_id=lead.id, contract_value=Decimal("12500"))

    assert [_client_fields(c) for c in onboarding_api.client_list()] == [
        _expected_client(lead)
    ]
    assert OutboxEvent.objects.get().dispatched_at is not None


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_deal_leaves_no_event_and_signs_no_client(lead):
    stored_inside = []

    def close_then_fail():
        with transaction.atomic():
            cam_api.deal_close(lead_id=lead.id, contract_value=Decimal("12500"))
            stored_inside.append(OutboxEvent.objects.count())
            raise RuntimeError("the caller failed after closing the deal")

    with pytest.raises(RuntimeError):
        close_then_fail()

    assert stored_inside == [1]  # written in the deal's transaction, then undone
    assert OutboxEvent.objects.count() == 0
    assert EventDelivery.objects.count() == 0
    assert onboarding_api.client_list() == []
    assert cam_api.lead_get(lead_id=lead.id).status is LeadStatus.QUALIFIED
