import factory
from factory.django import DjangoModelFactory

from production.models import Asset, Draft


class DraftFactory(DjangoModelFactory[Draft]):
    class Meta:
        model = Draft

    brief_id = factory.Sequence(lambda n: f"brief_factory{n:04d}")
    strategy_id = factory.Sequence(lambda n: f"strat_factory{n:04d}")
    pack = "quick_social_basic"
    idempotency_key = factory.Sequence(lambda n: f"factory-key-{n}")
    title = factory.Faker("sentence", nb_words=4)
    sections = factory.LazyFunction(
        lambda: [{"key": "overview", "title": "Overview", "body": "About the brand."}]
    )
    posts = factory.LazyFunction(list)
    markdown = "# Title\n\n## Overview\n\nAbout the brand.\n"


class AssetFactory(DjangoModelFactory[Asset]):
    class Meta:
        model = Asset

    brief_id = factory.Sequence(lambda n: f"brief_factory{n:04d}")
    platform = "Instagram"
    format = "Reel"
    hook = factory.Faker("sentence", nb_words=8)
    caption = factory.Faker("paragraph")
    cta = "Order via the link in bio"
