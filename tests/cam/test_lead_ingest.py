from decimal import Decimal

import pytest

from cam import api
from cam.dto import LeadGrade, LeadStatus
from cam.errors import (
    CampaignCompleted,
    CampaignNotFound,
    LeadNotFound,
    ValidationFailed,
)
from cam.models import Lead
from tests.cam.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def _ingest(campaign_id, **kwargs):
    values = {"name": "Jane Doe", "email": "jane@acme.example", "base_score": 0.5}
    values.update(kwargs)
    return api.lead_ingest(campaign_id=campaign_id, **values)


def test_lead_ingest_creates_a_new_scored_lead(campaign):
    result = api.lead_ingest(
        campaign_id=campaign.id,
        name=" Jane Doe ",
        email="  Jane.Doe@Acme.Example ",
        company="Acme Dental",
        role="Practice manager",
        source="csv",
        base_score=Decimal("0.5"),
        budget_known=True,
        has_timeline=True,
        pain_points="No-shows",
        engagement=Decimal("0.8"),
    )

    lead = result.lead
    assert result.created is True
    assert lead.id.startswith("lead_")
    assert lead.campaign_id == campaign.id
    assert lead.name == "Jane Doe"
    assert lead.email == "Jane.Doe@Acme.Example"
    assert lead.normalized_email == "jane.doe@acme.example"
    assert (lead.company, lead.role, lead.source) == (
        "Acme Dental",
        "Practice manager",
        "csv",
    )
    assert lead.fit_score == Decimal("0.9000")
    assert lead.conversion_probability == Decimal("0.8700")
    assert lead.grade is LeadGrade.A
    assert lead.status is LeadStatus.NEW
    assert lead.review_reasons == ()
    assert lead.contract_value is None
    assert lead.client_email is None
    assert lead.closed_at is None
    assert api.lead_get(lead_id=lead.id) == lead


@pytest.mark.parametrize(
    ("base_score", "budget", "timeline", "pain", "engagement", "fit", "prob", "grade"),
    [
        # fit 0.8 / probability 0.7 (0.70001 rounded) -> A
        ("0.8", False, False, "", "0.4667", "0.8000", "0.7000", "A"),
        # fit 0.8 / probability 0.6999 (0.69989 rounded) -> B
        ("0.8", False, False, "", "0.4663", "0.8000", "0.6999", "B"),
        # fit 1 / probability exactly 0.7 -> A
        ("1", False, False, "", "0", "1.0000", "0.7000", "A"),
        # 0.7 + 0.1 is 0.7999999999999999 in binary floats; here it is exactly 0.8
        ("0.7", False, True, "", "1", "0.8000", "0.8600", "A"),
        ("0.6", False, False, "", "1", "0.6000", "0.7200", "B"),
        ("0.2", True, True, "Slow bookings", "0", "0.6000", "0.4200", "B"),
        ("0.5999", False, False, "", "1", "0.5999", "0.7199", "C"),
        ("0.3999", True, False, "", "0", "0.5999", "0.4199", "C"),
        ("0.4", False, False, "", "0", "0.4000", "0.2800", "C"),
        ("0.3999", False, False, "", "1", "0.3999", "0.5799", "D"),
    ],
)
def test_lead_ingest_grades_boundaries_exactly(
    campaign, base_score, budget, timeline, pain, engagement, fit, prob, grade
):
    lead = _ingest(
        campaign.id,
        base_score=Decimal(base_score),
        budget_known=budget,
        has_timeline=timeline,
        pain_points=pain,
        engagement=Decimal(engagement),
    ).lead

    assert str(lead.fit_score) == fit
    assert str(lead.conversion_probability) == prob
    assert lead.grade == grade
    stored = Lead.objects.get(pk=lead.id)
    assert (
        str(stored.fit_score),
        str(stored.conversion_probability),
        stored.grade,
    ) == (
        fit,
        prob,
        grade,
    )


def test_lead_ingest_caps_fit_at_one(campaign):
    lead = _ingest(
        campaign.id,
        base_score=0.9,
        budget_known=True,
        has_timeline=True,
        pain_points="Empty chairs",
        engagement=0.5,
    ).lead

    assert lead.fit_score == Decimal("1.0000")
    assert lead.conversion_probability == Decimal("0.8500")
    assert lead.grade is LeadGrade.A


def test_lead_ingest_accepts_floats_without_binary_noise(campaign):
    lead = _ingest(campaign.id, base_score=0.1, budget_known=True, engagement=0.1).lead

    assert lead.base_score == Decimal("0.1000")
    assert lead.fit_score == Decimal("0.3000")
    assert lead.conversion_probability == Decimal("0.2400")
    assert lead.grade is LeadGrade.D


@pytest.mark.parametrize(
    "variant",
    [
        "jane@acme.example",
        "JANE@ACME.EXAMPLE",
        "  Jane@Acme.Example  ",
        "\tjane@acme.EXAMPLE\n",
    ],
)
def test_lead_ingest_returns_the_existing_lead_for_an_email_variant(campaign, variant):
    original = _ingest(campaign.id, email="Jane@Acme.example").lead
    stored_before = Lead.objects.get(pk=original.id)

    result = _ingest(
        campaign.id,
        name="Someone Else",
        email=variant,
        company="Other Co",
        base_score=0.99,
        budget_known=True,
        engagement=1,
    )

    assert result.created is False
    assert result.lead == original
    assert Lead.objects.count() == 1
    stored_after = Lead.objects.get(pk=original.id)
    assert (stored_after.name, stored_after.base_score, stored_after.updated_at) == (
        stored_before.name,
        stored_before.base_score,
        stored_before.updated_at,
    )


def test_lead_ingest_dedupes_per_campaign_only(campaign):
    other = CampaignFactory()

    first = _ingest(campaign.id, email="jane@acme.example")
    second = _ingest(other.id, email="JANE@acme.example")

    assert first.created is True
    assert second.created is True
    assert first.lead.id != second.lead.id
    assert Lead.objects.count() == 2


@pytest.mark.parametrize(
    "email",
    ["", "   ", "jane", "jane@", "@acme.example", "jane@acme", "a b@acme.example"],
)
def test_lead_ingest_rejects_an_invalid_email_and_stores_nothing(campaign, email):
    with pytest.raises(ValidationFailed) as exc_info:
        _ingest(campaign.id, email=email)

    assert exc_info.value.code == "VALIDATION_ERROR"
    assert list(exc_info.value.fields) == ["email"]
    assert "email" in exc_info.value.message
    assert Lead.objects.count() == 0


def test_lead_ingest_names_every_bad_field(campaign):
    with pytest.raises(ValidationFailed) as exc_info:
        api.lead_ingest(
            campaign_id=campaign.id,
            name="",
            email="not-an-email",
            base_score=Decimal("1.2"),
            engagement=-0.1,
            budget_known="yes",
        )

    assert sorted(exc_info.value.fields) == [
        "base_score",
        "budget_known",
        "email",
        "engagement",
        "name",
    ]
    assert Lead.objects.count() == 0


@pytest.mark.parametrize("score", [Decimal("NaN"), Decimal("Infinity"), "high", None])
def test_lead_ingest_rejects_non_numeric_scores(campaign, score):
    with pytest.raises(ValidationFailed) as exc_info:
        _ingest(campaign.id, base_score=score)

    assert list(exc_info.value.fields) == ["base_score"]
    assert Lead.objects.count() == 0


def test_lead_ingest_unknown_campaign_raises_not_found():
    with pytest.raises(CampaignNotFound) as exc_info:
        _ingest("cam_missing")

    assert exc_info.value.code == "NOT_FOUND"
    assert Lead.objects.count() == 0


def test_lead_ingest_into_a_paused_campaign_is_accepted():
    campaign = CampaignFactory(status="PAUSED")

    assert _ingest(campaign.id).created is True


def test_lead_ingest_into_a_completed_campaign_is_refused_but_duplicates_resolve():
    campaign = CampaignFactory()
    existing = _ingest(campaign.id, email="jane@acme.example").lead
    api.campaign_transition(campaign_id=campaign.id, to="COMPLETED")

    with pytest.raises(CampaignCompleted) as exc_info:
        _ingest(campaign.id, email="new@acme.example")
    duplicate = _ingest(campaign.id, email="JANE@acme.example")

    assert exc_info.value.code == "CONFLICT"
    assert duplicate.created is False
    assert duplicate.lead.id == existing.id
    assert Lead.objects.count() == 1


def test_lead_list_filters_and_pages(campaign):
    other = CampaignFactory()
    a = _ingest(campaign.id, email="a@x.example", base_score=1, engagement=1).lead
    b = _ingest(campaign.id, email="b@x.example", base_score=0.1).lead
    c = _ingest(campaign.id, email="c@x.example", base_score=1, engagement=1).lead
    elsewhere = _ingest(other.id, email="a@x.example", base_score=1, engagement=1).lead
    api.lead_transition(lead_id=c.id, to="ENRICHED")

    def ids(**filters):
        return [lead.id for lead in api.lead_list(**filters)]

    assert ids(campaign_id=campaign.id) == sorted([a.id, b.id, c.id])
    assert ids(grade="A") == sorted([a.id, c.id, elsewhere.id])
    assert ids(grade=LeadGrade.D) == [b.id]
    assert ids(campaign_id=campaign.id, status="NEW", grade="A") == [a.id]
    assert ids(status=LeadStatus.ENRICHED) == [c.id]
    everything = ids()
    assert everything == sorted([a.id, b.id, c.id, elsewhere.id])
    assert ids(limit=2) == everything[:2]
    assert ids(limit=2, after_id=everything[1]) == everything[2:]
    assert ids(campaign_id="cam_missing") == []


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": "WON"}, "status"),
        ({"grade": "E"}, "grade"),
        ({"limit": 0}, "limit"),
        ({"limit": 500}, "limit"),
    ],
)
def test_lead_list_rejects_bad_arguments(kwargs, field):
    with pytest.raises(ValidationFailed) as exc_info:
        api.lead_list(**kwargs)

    assert list(exc_info.value.fields) == [field]


def test_lead_get_unknown_id_raises_not_found():
    with pytest.raises(LeadNotFound) as exc_info:
        api.lead_get(lead_id="lead_missing")

    assert exc_info.value.code == "NOT_FOUND"
