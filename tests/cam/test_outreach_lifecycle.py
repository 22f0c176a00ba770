"""Queued outreach follows its lead and campaign: cancellation, mode changes, slots."""

import datetime as dt
from decimal import Decimal

import pytest

from cam import api
from cam.errors import (
    IllegalLeadTransition,
    LeadNotContactable,
    OutreachAttemptNotFound,
)
from cam.models import Lead, OutreachAttempt, OutreachPlan
from cam.services import campaigns as campaign_services
from tests.cam.factories import CampaignFactory, LeadFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
# Monday 11 January 2027, 08:00 in Berlin (UTC+1): before the 09:00 window opens.
MONDAY_0800_BERLIN = dt.datetime(2027, 1, 11, 7, 0, tzinfo=UTC)
# A lead qualification finds clean: company domain, company named, grade A.
CLEAN = {
    "company": "Acme Dental",
    "role": "Practice manager",
    "base_score": Decimal("0.8"),
    "engagement": Decimal("0.4667"),
}


def _campaign(**overrides):
    values = {
        "niche": "Dental clinics",
        "offer": "Patient acquisition retainer",
        "send_timezone": "Europe/Berlin",
        "daily_send_cap": 4,
        "mode": "LIVE",
    }
    return CampaignFactory(**(values | overrides))


def _planned_lead(campaign, email="jane@acme-dental.example", **overrides):
    lead = LeadFactory(
        campaign=campaign, email=email, status="CONTACTED", **(CLEAN | overrides)
    )
    api.lead_plan_outreach(lead_id=lead.id, start=MONDAY_0800_BERLIN)
    return lead


def _statuses(lead):
    return list(
        OutreachAttempt.objects.filter(lead=lead)
        .order_by("plan_id", "position")
        .values_list("status", flat=True)
    )


def _utc(day, hour, minute=0):
    return dt.datetime(2027, 1, day, hour, minute, tzinfo=UTC)


# --- leaving cold outreach cancels the lead's queued messages ------------------------


@pytest.mark.parametrize(
    ("to", "reason"),
    [("REPLIED", ""), ("LOST", "Not interested"), ("MANUAL_REVIEW", "Odd reply")],
)
def test_a_lead_leaving_cold_outreach_has_its_queued_messages_cancelled(to, reason):
    campaign = _campaign()
    lead = _planned_lead(campaign)
    other = _planned_lead(campaign, email="bob@acme-dental.example")

    api.lead_transition(lead_id=lead.id, to=to, reason=reason)

    assert _statuses(lead) == ["CANCELLED"] * 5
    assert _statuses(other) == ["QUEUED"] * 5


def test_a_move_inside_cold_outreach_keeps_the_queued_messages():
    lead = LeadFactory(campaign=_campaign(), status="NEW", **CLEAN)
    api.lead_plan_outreach(lead_id=lead.id, start=MONDAY_0800_BERLIN)

    api.lead_transition(lead_id=lead.id, to="ENRICHED")
    api.lead_transition(lead_id=lead.id, to="CONTACTED")

    assert _statuses(lead) == ["QUEUED"] * 5


def test_an_illegal_move_cancels_nothing():
    lead = _planned_lead(_campaign())

    with pytest.raises(IllegalLeadTransition):
        api.lead_transition(lead_id=lead.id, to="QUALIFIED")

    assert Lead.objects.get(pk=lead.id).status == "CONTACTED"
    assert _statuses(lead) == ["QUEUED"] * 5


def test_qualifying_and_closing_a_lead_with_stale_queued_messages_cancels_them():
    # Messages queued before this fix: a REPLIED lead still holding QUEUED ones.
    first = _planned_lead(_campaign())
    second = _planned_lead(first.campaign, email="bob@acme-dental.example")
    Lead.objects.filter(pk__in=[first.id, second.id]).update(status="REPLIED")

    api.lead_transition(lead_id=first.id, to="QUALIFIED")
    assert _statuses(first) == ["CANCELLED"] * 5

    Lead.objects.filter(pk=second.id).update(status="QUALIFIED")
    api.deal_close(lead_id=second.id, contract_value=Decimal("4500.00"))
    assert _statuses(second) == ["CANCELLED"] * 5


def test_qualification_rejecting_a_lead_cancels_its_queued_messages():
    campaign = _campaign(competitor_domains=["rival.example"])
    lead = _planned_lead(campaign, email="jane@rival.example")

    result = api.lead_qualify(lead_id=lead.id)

    assert (result.outcome.value, result.lead.status.value) == ("LOST", "LOST")
    assert _statuses(lead) == ["CANCELLED"] * 5


def test_qualification_sending_a_lead_to_review_cancels_its_queued_messages():
    lead = _planned_lead(_campaign(), email="jane@gmail.com")

    result = api.lead_qualify(lead_id=lead.id)

    assert result.outcome.value == "MANUAL_REVIEW"
    assert _statuses(lead) == ["CANCELLED"] * 5


def test_a_clean_verdict_before_replied_cancels_nothing():
    lead = _planned_lead(_campaign())

    result = api.lead_qualify(lead_id=lead.id)

    assert (result.outcome.value, result.moved) == ("PASSED", False)
    assert _statuses(lead) == ["QUEUED"] * 5


def test_completing_a_campaign_cancels_all_its_queued_messages():
    campaign = _campaign()
    leads = [
        _planned_lead(campaign, email=f"p{n}@acme-dental.example") for n in range(2)
    ]
    elsewhere = _planned_lead(_campaign())

    api.campaign_transition(campaign_id=campaign.id, to="COMPLETED")

    assert [_statuses(lead) for lead in leads] == [["CANCELLED"] * 5] * 2
    assert _statuses(elsewhere) == ["QUEUED"] * 5


def test_pausing_a_campaign_keeps_its_messages_queued_but_not_sendable():
    campaign = _campaign()
    lead = _planned_lead(campaign)
    first = OutreachAttempt.objects.filter(lead=lead).order_by("position").first()
    assert api.outreach_attempt_sendable(attempt_id=first.id) is True

    api.campaign_transition(campaign_id=campaign.id, to="PAUSED")

    assert _statuses(lead) == ["QUEUED"] * 5
    assert api.outreach_attempt_sendable(attempt_id=first.id) is False

    api.campaign_transition(campaign_id=campaign.id, to="ACTIVE")

    assert api.outreach_attempt_sendable(attempt_id=first.id) is True


def test_a_sender_rechecks_lead_status_campaign_mode_and_suppression():
    campaign = _campaign()
    lead = _planned_lead(campaign)
    other = _planned_lead(campaign, email="bob@acme-dental.example")
    attempt = OutreachAttempt.objects.filter(lead=lead).first()
    other_attempt = OutreachAttempt.objects.filter(lead=other).first()
    proof = OutreachAttempt.objects.filter(
        lead=_planned_lead(_campaign(mode="SIMULATION"))
    ).first()

    assert proof.status == "PROOF_SENT"
    assert api.outreach_attempt_sendable(attempt_id=proof.id) is False
    # A row changed behind the services' back: the sender's check still sees it.
    Lead.objects.filter(pk=lead.id).update(status="REPLIED")
    assert api.outreach_attempt_sendable(attempt_id=attempt.id) is False
    campaign_services.campaign_update(
        campaign_id=campaign.id, changes={"mode": "SIMULATION"}
    )
    assert api.outreach_attempt_sendable(attempt_id=other_attempt.id) is False
    campaign_services.campaign_update(campaign_id=campaign.id, changes={"mode": "LIVE"})
    assert api.outreach_attempt_sendable(attempt_id=other_attempt.id) is True
    api.suppression_add(email=other.email, reason="UNSUBSCRIBED")
    assert api.outreach_attempt_sendable(attempt_id=other_attempt.id) is False


def test_the_sendable_check_of_an_unknown_attempt_is_not_found():
    with pytest.raises(OutreachAttemptNotFound) as exc_info:
        api.outreach_attempt_sendable(attempt_id="att_nope")

    assert (exc_info.value.code, exc_info.value.http_status) == ("NOT_FOUND", 404)


# --- a mode change replaces the plan; the cap counts the current mode ---------------


def test_a_plan_of_the_old_mode_is_replaced_when_the_campaign_goes_live():
    campaign = _campaign(mode="SIMULATION")
    lead = _planned_lead(campaign)
    old = OutreachPlan.objects.get(lead=lead)
    campaign_services.campaign_update(campaign_id=campaign.id, changes={"mode": "LIVE"})

    result = api.lead_plan_outreach(lead_id=lead.id, start=MONDAY_0800_BERLIN)

    assert result.created is True
    assert result.plan.id != old.id
    assert result.plan.mode.value == "LIVE"
    assert [m.status.value for m in result.plan.messages] == ["QUEUED"] * 5
    # Simulation proofs do not count against the live cap: same slots as before.
    assert [m.scheduled_for for m in result.plan.messages] == [
        _utc(11, 8),
        _utc(14, 8),
        _utc(18, 8),
        _utc(11, 10),
        _utc(18, 10),
    ]
    old.refresh_from_db()
    assert old.replaced_at is not None
    assert list(old.attempts.values_list("status", flat=True)) == ["CANCELLED"] * 5
    assert api.outreach_plan_get(lead_id=lead.id) == result.plan
    again = api.lead_plan_outreach(lead_id=lead.id, start=MONDAY_0800_BERLIN)
    assert (again.created, again.plan) == (False, result.plan)
    assert OutreachPlan.objects.filter(lead=lead).count() == 2


def test_a_stale_plan_of_a_lead_no_longer_contactable_is_kept_unchanged():
    campaign = _campaign(mode="SIMULATION")
    lead = _planned_lead(campaign)
    campaign_services.campaign_update(campaign_id=campaign.id, changes={"mode": "LIVE"})
    api.lead_transition(lead_id=lead.id, to="REPLIED")

    with pytest.raises(LeadNotContactable):
        api.lead_plan_outreach(lead_id=lead.id, start=MONDAY_0800_BERLIN)

    plan = OutreachPlan.objects.get(lead=lead)
    assert (plan.mode, plan.replaced_at) == ("SIMULATION", None)
    assert _statuses(lead) == ["PROOF_SENT"] * 5


def test_the_live_cap_ignores_simulation_proofs():
    campaign = _campaign(mode="SIMULATION", daily_send_cap=1)
    _planned_lead(campaign, email="proof@acme-dental.example")
    campaign_services.campaign_update(campaign_id=campaign.id, changes={"mode": "LIVE"})
    lead = LeadFactory(campaign=campaign, email="jane@acme-dental.example", **CLEAN)

    plan = api.lead_plan_outreach(lead_id=lead.id, start=MONDAY_0800_BERLIN).plan

    # With the proofs counted, Monday would be full and the intro would go Tuesday.
    assert plan.messages[0].scheduled_for == _utc(11, 8)


# --- a cancellation frees its slot, and a new message takes the first free one -------


def test_a_new_message_takes_the_first_free_slot_after_a_cancellation():
    campaign = _campaign()  # Berlin, 09:00-17:00, 4 a day: a slot every 2 hours
    first = _planned_lead(campaign, email="first@acme-dental.example")
    second = _planned_lead(campaign, email="second@acme-dental.example")
    monday = OutreachAttempt.objects.filter(send_date=dt.date(2027, 1, 11))
    assert sorted(monday.values_list("scheduled_for", flat=True)) == [
        _utc(11, 8),
        _utc(11, 10),
        _utc(11, 12),
        _utc(11, 14),
    ]
    api.suppression_add(email=first.email, reason="UNSUBSCRIBED")  # frees 08 and 10
    third = LeadFactory(campaign=campaign, email="third@acme-dental.example", **CLEAN)

    plan = api.lead_plan_outreach(lead_id=third.id, start=MONDAY_0800_BERLIN).plan

    intro, _, _, note, _ = plan.messages
    assert (intro.scheduled_for, note.scheduled_for) == (_utc(11, 8), _utc(11, 10))
    live = OutreachAttempt.objects.exclude(status="CANCELLED")
    times = list(live.values_list("scheduled_for", flat=True))
    assert len(times) == len(set(times)) == 10
    assert _statuses(second) == ["QUEUED"] * 5
