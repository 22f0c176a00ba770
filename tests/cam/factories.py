from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from cam import scoring
from cam.models import Campaign, Lead


class CampaignFactory(DjangoModelFactory[Campaign]):
    class Meta:
        model = Campaign

    name = factory.Sequence(lambda n: f"Dentists outreach {n}")
    niche = "Dental clinics"
    offer = "Done-for-you patient acquisition"
    target_clients = 10
    target_monthly_revenue = Decimal("25000.00")
    status = Campaign.Status.ACTIVE
    mode = Campaign.Mode.SIMULATION
    banned_words = factory.LazyFunction(list)


def _score(lead: "LeadFactory") -> scoring.LeadScore:
    return scoring.score_lead(
        base_score=lead.base_score,
        budget_known=lead.budget_known,
        has_timeline=lead.has_timeline,
        pain_points=lead.pain_points,
        engagement=lead.engagement,
    )


class LeadFactory(DjangoModelFactory[Lead]):
    class Meta:
        model = Lead

    class Params:
        routed = factory.Trait(
            status=Lead.Status.ROUTED,
            contract_value=Decimal("1000.00"),
            client_email=factory.SelfAttribute("normalized_email"),
            closed_at=factory.LazyFunction(timezone.now),
        )

    campaign = factory.SubFactory(CampaignFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"Lead.{n}@Example.com")
    normalized_email = factory.LazyAttribute(lambda o: o.email.strip().lower())
    company = factory.Faker("company")
    role = "Owner"
    source = "api"
    base_score = Decimal("0.5000")
    budget_known = False
    has_timeline = False
    pain_points = ""
    engagement = Decimal("0.5000")
    fit_score = factory.LazyAttribute(lambda o: _score(o).fit_score)
    conversion_probability = factory.LazyAttribute(
        lambda o: _score(o).conversion_probability
    )
    grade = factory.LazyAttribute(lambda o: _score(o).grade.value)
    status = Lead.Status.NEW
    review_reasons = factory.LazyFunction(list)


def lead_in(status: str, **kwargs: object) -> Lead:
    """Create a lead already in ``status`` (a ROUTED one with its closed deal)."""
    if status == Lead.Status.ROUTED:
        return LeadFactory(routed=True, **kwargs)
    return LeadFactory(status=status, **kwargs)
