"""Sample briefs shared by the strategy and production tests: a bakery and a SaaS."""

import dataclasses
import datetime as dt
from decimal import Decimal

from aicmo_site.kernel.briefs import BriefContext

BAKERY = BriefContext(
    brief_id="brief_01bakery",
    client_id="client_01bakery",
    brand="Kiln & Crumb",
    website="https://www.kilnandcrumb.co.uk/",
    industry="Artisan bakery",
    geography="Leeds, UK",
    primary_offer="Weekly sourdough subscription",
    objective="Sales",
    target_audience="Busy professionals aged 28-45 in Leeds who care about real food",
    pain_points=(
        "No time to queue at independent bakeries",
        "Supermarket bread goes stale in two days",
    ),
    desired_outcomes=(
        "Fresh bread delivered every week",
        "Support local makers without extra effort",
    ),
    pack="quick_social_basic",
    channels=("Instagram", "Facebook", "Email"),
    tone="Warm, witty and down-to-earth",
    banned_words=("cheap", "guaranteed"),
    competitors=("Greggs", "Bread Ahead"),
    differentiators=(
        "Naturally leavened 48-hour fermentation",
        "Zero-waste delivery in reusable cotton bags",
    ),
    budget_amount=Decimal("6000"),
    budget_currency="GBP",
    duration_weeks=12,
    start_date=dt.date(2027, 1, 11),
)

SAAS = BriefContext(
    brief_id="brief_02saas",
    client_id="client_02saas",
    brand="LedgerLoop",
    website="https://ledgerloop.io",
    industry="B2B SaaS",
    geography="United States",
    primary_offer="Automated accounts-receivable software for mid-market finance teams",
    objective="Leads",
    target_audience="CFOs and finance controllers at companies with 50-500 employees",
    pain_points=(
        "Finance teams spend hours chasing late invoices",
        "Cash flow is unpredictable",
    ),
    desired_outcomes=("Increase demo bookings by 40%", "Cut days sales outstanding"),
    pack="quick_social_basic",
    channels=("LinkedIn", "Email", "Google Ads"),
    tone="Professional, data-driven",
    banned_words=("revolutionary",),
    competitors=("Billtrust", "HighRadius"),
    differentiators=(
        "Live in 14 days with no IT project",
        "Integrates with NetSuite and QuickBooks",
    ),
    budget_amount=Decimal("45000"),
    budget_currency="USD",
    duration_weeks=8,
    start_date=dt.date(2027, 3, 1),
)


def make_brief(base: BriefContext = BAKERY, **changes) -> BriefContext:
    """Return ``base`` with ``changes`` applied."""
    return dataclasses.replace(base, **changes)
