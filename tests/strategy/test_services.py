import dataclasses

import pytest
from django.db import IntegrityError

from strategy import services
from strategy.errors import StrategyGenerationFailed
from strategy.generation.template import TemplateStrategyGenerator
from strategy.models import Strategy
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db


class BrokenShares:
    """A generator whose channel shares do not add up, like a careless LLM."""

    def generate(self, brief):
        content = TemplateStrategyGenerator().generate(brief)
        first = dataclasses.replace(content.channel_plan[0], budget_pct=5)
        return dataclasses.replace(
            content, channel_plan=(first, *content.channel_plan[1:])
        )


class TwoPillars:
    def generate(self, brief):
        content = TemplateStrategyGenerator().generate(brief)
        return dataclasses.replace(content, pillars=content.pillars[:2])


@pytest.mark.parametrize(
    ("generator", "problem"),
    [
        (BrokenShares(), "channel budget shares must sum to 100"),
        (TwoPillars(), "needs at least 3 distinctly named pillars"),
    ],
)
def test_invalid_generated_content_is_refused_and_nothing_is_stored(
    brief, generator, problem
):
    with pytest.raises(StrategyGenerationFailed) as caught:
        services.strategy_generate(
            brief=brief, idempotency_key="k", generator=generator
        )

    assert caught.value.code == "GENERATION_FAILED"
    assert problem in caught.value.message
    assert Strategy.objects.count() == 0


def test_the_database_refuses_a_second_strategy_with_the_same_brief_and_version():
    StrategyFactory(brief_id="brief_a", version=1)

    with pytest.raises(IntegrityError):
        StrategyFactory(brief_id="brief_a", version=1)


def test_the_database_refuses_an_approved_strategy_without_an_approver():
    with pytest.raises(IntegrityError):
        StrategyFactory(status=Strategy.Status.APPROVED)


def test_a_version_taken_by_a_concurrent_writer_moves_to_the_next_number(
    brief, monkeypatch
):
    StrategyFactory(brief_id=brief.brief_id, version=1)
    calls = iter([1, 2])
    # Simulate a writer that read "next version = 1" just before another committed it.
    monkeypatch.setattr(
        services.selectors, "strategy_next_version", lambda brief_id: next(calls)
    )

    strategy = services.strategy_generate(brief=brief, idempotency_key="late")

    assert strategy.version == 2
    assert Strategy.objects.filter(brief_id=brief.brief_id).count() == 2
