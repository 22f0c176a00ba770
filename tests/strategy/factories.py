import factory
from factory.django import DjangoModelFactory

from strategy.models import Strategy


class StrategyFactory(DjangoModelFactory[Strategy]):
    """A stored strategy with small but valid structured parts."""

    class Meta:
        model = Strategy

    brief_id = factory.Sequence(lambda n: f"brief_factory{n:04d}")
    version = 1
    idempotency_key = factory.Sequence(lambda n: f"factory-key-{n}")
    executive_summary = factory.Faker("paragraph")
    positioning = factory.Faker("sentence")
    key_messages = factory.LazyFunction(
        lambda: ["Fresh every week.", "Baked slowly.", "Delivered in Leeds."]
    )
    pillars = factory.LazyFunction(
        lambda: [
            {"name": name, "description": f"About {name}.", "example_topics": [name]}
            for name in ("Fresh Every Week", "Slow Fermentation", "Leeds Makers")
        ]
    )
    kpis = factory.LazyFunction(
        lambda: [
            {"name": "Orders", "target": "110", "unit": "orders", "timeframe": "wk 12"}
        ]
    )
    channel_plan = factory.LazyFunction(
        lambda: [
            {
                "channel": "Instagram",
                "budget_pct": 60,
                "tactics": ["Reels"],
                "rationale": "Visual.",
            },
            {
                "channel": "Email",
                "budget_pct": 40,
                "tactics": ["Newsletter"],
                "rationale": "Owned.",
            },
        ]  # fmt: skip
    )
    milestones = factory.LazyFunction(
        lambda: [
            {"week": 1, "date": "2027-01-11", "title": "Kick-off", "deliverable": "Go."}
        ]
    )
