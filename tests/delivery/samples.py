"""Realistic package inputs: social and campaign packs for a coffee roaster."""

import dataclasses
import datetime as dt

from delivery.dto import PackageInput, SectionInput

CHANNELS = ("Instagram", "LinkedIn", "TikTok", "Email")
HOOKS = (
    "Your 3pm slump has a name, and it's stale beans",
    "We roast on Monday. You brew on Wednesday. Here's why",
    "Behind the roaster: meet Ana, who tastes 40 cups before 9am",
    "Single origin vs blend: the honest answer",
    "The grinder setting most people get wrong",
    "From farm gate to your mug in 11 days",
    "What 'freshly roasted' should actually mean",
    "Office coffee that people stop complaining about",
    "Three brew ratios worth memorising",
    "The story behind our Huila decaf",
    "Why we pay 40% above Fairtrade minimums",
    "Subscriber Q&A: can I freeze coffee beans?",
    "A cup for every meeting length",
    "Cold brew in 12 hours, no gadgets",
    "What our customers said in March",
    "Your first subscription box, unboxed",
    "How we pick our seasonal lot",
    "Roast levels, explained with toast",
    "Team tasting: blind-ranking five espressos",
    "Pairing coffee with pastries, the Brightline way",
)


def calendar_table(rows: int, start: dt.date = dt.date(2027, 1, 11)) -> str:
    """Return a Markdown calendar with ``rows`` posts, two days apart."""
    lines = [
        "| Date | Channel | Pillar | Format | Hook | Caption | CTA |",
        "|------|---------|--------|--------|------|---------|-----|",
    ]
    pillars = ("Freshness proof", "Origin stories", "Brew better", "Office rituals")
    formats = ("Carousel", "Reel", "Static post", "Newsletter")
    for index in range(rows):
        day = start + dt.timedelta(days=2 * index)
        hook = HOOKS[index % len(HOOKS)]
        caption = (
            f"{hook.split(':')[0]}. Roasted every Monday in Leeds and shipped within "
            "48 hours, so the beans in your cup are never older than a week."
        )
        lines.append(
            f"| {day.isoformat()} | {CHANNELS[index % 4]} | {pillars[index % 4]} | "
            f"{formats[index % 4]} | {hook} | {caption} | "
            f"{'Start a subscription' if index % 2 else 'Book an office tasting'} |"
        )
    return "\n".join(lines)


SECTIONS = (
    (
        "overview",
        "Overview",
        "**Brightline Coffee Roasters** roasts speciality coffee in Leeds and sells "
        "it by subscription to home brewers and small offices across the UK. This "
        "plan turns the brand's strongest proof point, *beans roasted every Monday "
        "and delivered within 48 hours*, into a month of social content aimed at "
        "office managers who are tired of hearing complaints about the coffee.\n\n"
        "The goal for the first 30 days is **120 qualified leads** for office "
        "subscriptions, with Instagram and LinkedIn carrying most of the weight.",
    ),
    (
        "messaging_framework",
        "Messaging Framework",
        "### Core message\n\nFresh coffee is a policy, not a luxury: Brightline "
        "makes it automatic.\n\n### Proof points\n\n- Roasted every Monday, shipped "
        "within 48 hours\n- Direct trade with four farms, paying 40% above Fairtrade "
        "minimums\n- Flexible office plans from 2kg a month, paused or changed any "
        "time\n\n### Tone\n\nWarm, precise and a little dry. We explain, we do not "
        "shout. Avoid jargon such as *cupping notes* unless we define it.\n\n"
        "> Every message should answer one question: why is this cup better than "
        "the one in the office kitchen today?",
    ),
    (
        "detailed_30_day_calendar",
        "Detailed 30-Day Calendar",
        "Sixteen posts over the first month, rotating the four pillars so that each "
        "channel sees every pillar at least once. Dates are publishing dates in the "
        "client's local time.\n\n" + calendar_table(16),
    ),
    (
        "content_buckets",
        "Content Buckets",
        "### Freshness proof\n\nRoast dates, dispatch photos and timelapses that "
        "show how short the journey from roaster to mug really is.\n\n"
        "### Origin stories\n\nThe farms, the people and the prices we pay, told "
        "with numbers rather than adjectives.\n\n### Brew better\n\nPractical "
        "guides: grind size, ratios and cold brew, each in under a minute.\n\n"
        "### Office rituals\n\nHow teams use coffee breaks well, with stories from "
        "current office subscribers.",
    ),
    (
        "hashtag_strategy",
        "Hashtag Strategy",
        "Use three tiers on Instagram and at most three tags on LinkedIn.\n\n"
        "| Tier | Tags | Use |\n|---|---|---|\n"
        "| Brand | #BrightlineCoffee #RoastedMonday | Every post |\n"
        "| Community | #LeedsCoffee #UKSpecialtyCoffee | Two per post |\n"
        "| Topic | #OfficeCoffee #BrewGuide #DirectTrade | Match the pillar |\n\n"
        "Review reach per tag every Friday and retire tags that add under 2% of "
        "reach.",
    ),
    (
        "kpi_plan_light",
        "KPI Plan (Light)",
        "| KPI | Target | Timeframe |\n|---|---:|---|\n"
        "| Qualified office leads | 120 | 30 days |\n"
        "| Instagram saves per post | 45 | Per post, median |\n"
        "| LinkedIn click-through rate | 1.8% | 30 days |\n"
        "| Tasting sessions booked | 25 | 30 days |\n\n"
        "Report every Monday with the previous week's numbers and one change we "
        "will make because of them.",
    ),
    (
        "execution_roadmap",
        "Execution Roadmap",
        "1. **Week 1:** shoot roastery footage and brew guides; schedule the first "
        "eight posts.\n2. **Week 2:** launch LinkedIn office series; start tasting "
        "bookings with a simple form.\n3. **Week 3:** publish origin stories; "
        "retarget engaged viewers with the office trial offer.\n4. **Week 4:** "
        "review results, refresh the two weakest hooks and plan month two.",
    ),
    (
        "final_summary",
        "Final Summary",
        "Brightline already has the proof that office buyers need: fresher coffee, "
        "fair prices and flexible plans. This month of content puts that proof in "
        "front of the people who choose the office coffee, and measures every step "
        "from first view to booked tasting.",
    ),
)


def package_input(
    *,
    draft_id: str = "draft_01jsample0000000000000000",
    calendar_rows: int = 16,
    generated_at: dt.datetime = dt.datetime(2027, 1, 4, 9, 30, tzinfo=dt.UTC),
    data: dict | None = None,
) -> PackageInput:
    """Return a realistic package input with a calendar of ``calendar_rows`` posts."""
    sections = []
    for key, title, body in SECTIONS:
        if key == "detailed_30_day_calendar":
            body = body.replace(calendar_table(16), calendar_table(calendar_rows))
        sections.append(SectionInput(key=key, title=title, body=body))
    return PackageInput(
        brief_id="brief_01jsample0000000000000000",
        strategy_id="strat_01jsample0000000000000000",
        draft_id=draft_id,
        qc_result_id="qc_01jsample0000000000000000",
        client_name="Brightline Coffee Roasters",
        pack_key="quick_social_basic",
        pack_label="Quick Social Basic",
        title="30-Day Social Content Plan",
        sections=tuple(sections),
        qc_passed=True,
        qc_score=92,
        data=data
        if data is not None
        else {"strategy": {"objective": "Leads"}, "posts": calendar_rows},
        generated_at=generated_at,
    )


KPI_AND_BUDGET = (
    "kpi_and_budget_plan",
    "KPIs and Budget Plan",
    "Four KPIs measure the campaign; the day-30 column shows where each should "
    "stand after the first month.\n\n"
    "| KPI | Target | Day-30 checkpoint | How it is measured |\n"
    "| --- | --- | --- | --- |\n"
    "| Qualified office leads | 360 in 12 weeks | 120 | CRM form source |\n"
    "| Tasting sessions booked | 75 in 12 weeks | 25 | Booking calendar |\n"
    "| LinkedIn click-through rate | 1.8% | 1.5% | LinkedIn campaign manager |\n"
    "| Cost per qualified lead | GBP 33 | GBP 40 | Spend over CRM leads |\n\n"
    "**Budget**\n\n"
    "| Channel | Share | Total | Per week |\n"
    "| --- | --- | --- | --- |\n"
    "| Instagram | 40% | GBP 4,800 | GBP 400 |\n"
    "| LinkedIn | 35% | GBP 4,200 | GBP 350 |\n"
    "| TikTok | 15% | GBP 1,800 | GBP 150 |\n"
    "| Email | 10% | GBP 1,200 | GBP 100 |\n\n"
    "Total: GBP 12,000 over 12 weeks. About 80% is media; the rest pays for "
    "production and tools.",
)


def campaign_package_input(
    *, generated_at: dt.datetime = dt.datetime(2027, 1, 4, 9, 30, tzinfo=dt.UTC)
) -> PackageInput:
    """Return a campaign pack: a 20-post calendar, then KPI and budget tables."""
    package = package_input(calendar_rows=20, generated_at=generated_at)
    sections = tuple(
        SectionInput(
            key=KPI_AND_BUDGET[0], title=KPI_AND_BUDGET[1], body=KPI_AND_BUDGET[2]
        )
        if section.key == "kpi_plan_light"
        else section
        for section in package.sections
    )
    return dataclasses.replace(
        package,
        pack_key="strategy_campaign_standard",
        pack_label="Strategy Campaign Standard",
        title="Office Coffee Campaign, Q1 2027",
        sections=sections,
    )
