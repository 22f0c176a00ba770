"""Production's test fixtures: a bakery brief and strategy, drafts of the examples."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from aicmo_site.kernel.briefs import BriefContext
from production import api as production_api
from production.dto import (
    ChannelInput,
    DraftData,
    KpiInput,
    MilestoneInput,
    PillarInput,
    StrategyInput,
)
from tests.briefs import BAKERY
from tests.production.examples import Example, example

# The campaign pack, which the example drafts are written for unless a test says.
CAMPAIGN = "strategy_campaign_standard"

BAKERY_STRATEGY = StrategyInput(
    strategy_id="strat_01bakery",
    version=1,
    executive_summary=(
        "Kiln & Crumb is an artisan bakery serving Leeds. Its core offer: weekly "
        "sourdough subscription.\n\nIt starts from what gets in the way for busy "
        "professionals."
    ),
    positioning=(
        "For busy professionals with no time to queue at independent bakeries, Kiln & "
        "Crumb is the artisan bakery in Leeds that gives them fresh bread delivered "
        "every week."
    ),
    key_messages=(
        "No time to queue at independent bakeries? Kiln & Crumb's weekly sourdough "
        "subscription was built for exactly that.",
        "What sets Kiln & Crumb apart: zero-waste delivery in reusable cotton bags.",
        "The weekly sourdough subscription: available now at kilnandcrumb.co.uk.",
    ),
    pillars=(
        PillarInput(
            name="Fresh Bread Delivered Every Week",
            description=(
                "Turns a problem busy professionals know well (no time to queue at "
                "independent bakeries) into the result they want: fresh bread "
                "delivered every week."
            ),
            example_topics=(
                "No time to queue at independent bakeries? Here is the fix",
                "Three signs it is time for the weekly sourdough subscription",
            ),
        ),
        PillarInput(
            name="Naturally Leavened 48-Hour Fermentation",
            description=(
                "Evidence of what sets Kiln & Crumb apart (naturally leavened 48-hour "
                "fermentation)."
            ),
            example_topics=("Behind the scenes: the early-morning prep",),
        ),
        PillarInput(
            name="Choosing the Weekly Sourdough Subscription",
            description="Helps busy professionals decide and buy today.",
            example_topics=("What is included in the weekly sourdough subscription",),
        ),
        PillarInput(
            name="Kiln & Crumb in Leeds",
            description="Kiln & Crumb's place in Leeds, UK.",
            example_topics=("Meet the team serving Leeds",),
        ),
    ),
    kpis=(
        KpiInput(
            name="Weekly sourdough subscription orders",
            target=Decimal("110"),
            unit="orders",
            timeframe="by the end of week 12",
        ),
        KpiInput(
            name="Website conversion rate",
            target=Decimal("2.5"),
            unit="%",
            timeframe="campaign average",
        ),
        KpiInput(
            name="Cost per acquisition",
            target=Decimal("44"),
            unit="GBP",
            timeframe="campaign average",
        ),
    ),
    channel_plan=(
        ChannelInput(
            channel="Instagram", budget_pct=40, tactics=("Reels",), rationale="Visual."
        ),
        ChannelInput(
            channel="Facebook", budget_pct=40, tactics=("Video",), rationale="Reach."
        ),
        ChannelInput(
            channel="Email", budget_pct=20, tactics=("Newsletter",), rationale="Owned."
        ),
    ),
    milestones=(
        MilestoneInput(
            week=1,
            date=dt.date(2027, 1, 11),
            title="Kick-off and measurement set-up",
            deliverable="Tracking live on kilnandcrumb.co.uk.",
        ),
        MilestoneInput(
            week=2,
            date=dt.date(2027, 1, 18),
            title="Content launch",
            deliverable="First posts live on Instagram and Facebook.",
        ),
    ),
)

SAAS_STRATEGY = dataclasses.replace(
    BAKERY_STRATEGY,
    strategy_id="strat_02saas",
    executive_summary="LedgerLoop is a B2B SaaS platform serving the United States.",
    positioning="For CFOs frustrated that finance teams chase late invoices, "
    "LedgerLoop is the platform that is live in 14 days.",
    key_messages=(
        "Finance teams spend hours chasing late invoices? LedgerLoop fixes that.",
        "The reason to choose LedgerLoop: integrates with NetSuite and QuickBooks.",
        "Starting is low-risk: an enquiry begins with a conversation.",
    ),
    pillars=(
        PillarInput(
            name="No More Chasing Late Invoices",
            description="Turns a problem CFOs know well (finance teams spend hours "
            "chasing late invoices) into the result LedgerLoop is working toward.",
            example_topics=("Why finance teams spend hours chasing late invoices",),
        ),
        PillarInput(
            name="Live in 14 Days",
            description="Evidence of what sets LedgerLoop apart.",
            example_topics=("Behind the scenes: a 60-second product walkthrough",),
        ),
        PillarInput(
            name="Predictable Cash Flow",
            description="Turns a problem CFOs know well (cash flow is unpredictable) "
            "into the result LedgerLoop is working toward.",
            example_topics=("Why cash flow is unpredictable",),
        ),
        PillarInput(
            name="LedgerLoop Customer Voices",
            description="Customers telling the LedgerLoop story.",
            example_topics=("Customer voices",),
        ),
    ),
    kpis=(
        KpiInput(
            name="Qualified enquiries for the automated accounts-receivable software",
            target=Decimal("90"),
            unit="leads",
            timeframe="by the end of week 8",
        ),
    ),
    channel_plan=(
        ChannelInput(
            channel="LinkedIn", budget_pct=43, tactics=("Ads",), rationale="B2B."
        ),
        ChannelInput(
            channel="Email", budget_pct=18, tactics=("Nurture",), rationale="Own."
        ),
        ChannelInput(
            channel="Google Ads",
            budget_pct=39,
            tactics=("Search",),
            rationale="Intent.",
        ),
    ),
    milestones=(
        MilestoneInput(
            week=1,
            date=dt.date(2027, 3, 1),
            title="Kick-off",
            deliverable="Tracking live on ledgerloop.io.",
        ),
    ),
)


@pytest.fixture
def brief() -> BriefContext:
    return BAKERY


@pytest.fixture
def strategy() -> StrategyInput:
    return BAKERY_STRATEGY


def draft_for(ex: Example, pack: str, variant: int) -> DraftData:
    draft = production_api.draft_generate(
        brief=ex.brief,
        strategy=ex.strategy,
        pack=pack,
        idempotency_key=f"props:{ex.name}:{pack}",
    )
    if variant:
        draft = production_api.draft_regenerate_sections(
            draft_id=draft.id,
            brief=ex.brief,
            strategy=ex.strategy,
            section_keys=tuple(s.key for s in draft.sections),
            variant=variant,
        )
    return draft


@pytest.fixture
def written():
    def _written(name: str, pack: str = CAMPAIGN, variant: int = 0):
        ex = example(name, pack, key=f"{name}:{pack}")
        return ex, draft_for(ex, pack, variant)

    return _written


def body(draft: DraftData, key: str) -> str:
    return next(s.body for s in draft.sections if s.key == key)
