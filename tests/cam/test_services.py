from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from cam.errors import CampaignCompleted, LeadFinal, ValidationFailed
from cam.models import Campaign, Lead
from cam.services import campaigns as campaign_services
from cam.services import leads as lead_services
from tests.cam.factories import CampaignFactory, LeadFactory, lead_in

pytestmark = pytest.mark.django_db


def test_lead_update_recomputes_the_score_when_an_input_changes():
    lead = LeadFactory(
        base_score=Decimal("0.5"), engagement=Decimal("0"), budget_known=False
    )
    assert (lead.fit_score, lead.grade) == (Decimal("0.5000"), "C")

    updated = lead_services.lead_update(
        lead_id=lead.id,
        changes={"budget_known": True, "has_timeline": True, "engagement": 0.9},
    )

    stored = Lead.objects.get(pk=lead.id)
    assert stored.fit_score == updated.fit_score == Decimal("0.8000")
    assert stored.conversion_probability == Decimal("0.8300")
    assert stored.grade == "A"


def test_lead_update_of_pain_points_alone_recomputes_the_score():
    lead = LeadFactory(base_score=Decimal("0.55"), pain_points="")

    lead_services.lead_update(lead_id=lead.id, changes={"pain_points": "Slow season"})

    stored = Lead.objects.get(pk=lead.id)
    assert (stored.fit_score, stored.grade) == (Decimal("0.6500"), "B")


def test_lead_update_of_the_email_renormalizes_it():
    lead = LeadFactory(email="old@acme.example")

    lead_services.lead_update(lead_id=lead.id, changes={"email": " New@Acme.Example "})

    stored = Lead.objects.get(pk=lead.id)
    assert (stored.email, stored.normalized_email) == (
        "New@Acme.Example",
        "new@acme.example",
    )


def test_lead_update_refuses_another_leads_email_in_the_same_campaign():
    campaign = CampaignFactory()
    taken = LeadFactory(campaign=campaign, email="taken@acme.example")
    lead = LeadFactory(campaign=campaign, email="mine@acme.example")

    with pytest.raises(ValidationFailed) as exc_info:
        lead_services.lead_update(
            lead_id=lead.id, changes={"email": "TAKEN@acme.example"}
        )

    assert exc_info.value.fields == {
        "email": [f"Lead {taken.id} of this campaign has this email."]
    }
    assert Lead.objects.get(pk=lead.id).normalized_email == "mine@acme.example"


@pytest.mark.parametrize("status", ["ROUTED", "LOST"])
def test_lead_update_refuses_final_leads(status):
    lead = lead_in(status, name="Before")

    with pytest.raises(LeadFinal) as exc_info:
        lead_services.lead_update(lead_id=lead.id, changes={"name": "After"})

    assert exc_info.value.code == "CONFLICT"
    assert Lead.objects.get(pk=lead.id).name == "Before"


def test_lead_update_refuses_fields_that_are_not_inputs():
    lead = LeadFactory()

    with pytest.raises(ValidationFailed) as exc_info:
        lead_services.lead_update(
            lead_id=lead.id, changes={"grade": "A", "status": "ROUTED"}
        )

    assert sorted(exc_info.value.fields) == ["grade", "status"]


def test_campaign_update_changes_fields_but_not_a_completed_campaign():
    campaign = CampaignFactory(name="Old")

    campaign_services.campaign_update(
        campaign_id=campaign.id, changes={"name": " New ", "mode": "LIVE"}
    )
    campaign.refresh_from_db()
    assert (campaign.name, campaign.mode) == ("New", "LIVE")

    completed = CampaignFactory(status=Campaign.Status.COMPLETED, name="Done")
    with pytest.raises(CampaignCompleted):
        campaign_services.campaign_update(
            campaign_id=completed.id, changes={"name": "Again"}
        )
    completed.refresh_from_db()
    assert completed.name == "Done"


def test_campaign_update_refuses_status_changes():
    campaign = CampaignFactory()

    with pytest.raises(ValidationFailed) as exc_info:
        campaign_services.campaign_update(
            campaign_id=campaign.id, changes={"status": "PAUSED"}
        )

    assert list(exc_info.value.fields) == ["status"]


def test_database_rejects_a_second_lead_with_the_same_normalized_email():
    lead = LeadFactory(email="jane@acme.example")

    with pytest.raises(IntegrityError), transaction.atomic():
        LeadFactory(campaign=lead.campaign, email="JANE@acme.example")


def test_database_rejects_a_routed_lead_without_a_deal():
    with pytest.raises(IntegrityError), transaction.atomic():
        LeadFactory(status=Lead.Status.ROUTED)


def test_database_rejects_a_campaign_without_target_clients():
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignFactory(target_clients=0)


def test_lead_ingest_returns_the_winner_when_a_concurrent_insert_got_there_first(
    monkeypatch,
):
    winner = LeadFactory(email="jane@acme.example")
    real_find = lead_services.selectors.lead_find_by_email
    calls = []

    def find_missing_once(**kwargs):
        # The first look-up runs before the concurrent writer's row is visible.
        calls.append(kwargs)
        return None if len(calls) == 1 else real_find(**kwargs)

    monkeypatch.setattr(
        lead_services.selectors, "lead_find_by_email", find_missing_once
    )

    lead, created = lead_services.lead_ingest(
        campaign_id=winner.campaign_id,
        name="Jane",
        email="JANE@acme.example",
        base_score=Decimal("0.5"),
    )

    assert created is False
    assert lead.pk == winner.pk
    assert len(calls) == 2
    assert Lead.objects.count() == 1
