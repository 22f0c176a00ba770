import datetime as dt

import pytest

from aicmo_site.kernel.briefs import BriefContext
from qc.dto import DraftInput, SectionInput, SectionSpec

QUICK_SOCIAL_SECTIONS = (
    ("overview", "Overview"),
    ("messaging_framework", "Messaging Framework"),
    ("detailed_30_day_calendar", "Detailed 30-Day Calendar"),
    ("content_buckets", "Content Buckets"),
    ("hashtag_strategy", "Hashtag Strategy"),
    ("kpi_plan_light", "KPI Plan (Light)"),
    ("execution_roadmap", "Execution Roadmap"),
    ("final_summary", "Final Summary"),
)
HOOKS = (
    "Your 3pm slump has a name, and it is stale beans",
    "We roast on Monday and you brew on Wednesday",
    "Meet Ana, who tastes forty cups before nine",
    "Single origin or blend: the honest answer",
    "The grinder setting most people get wrong",
    "From farm gate to your mug in eleven days",
    "What freshly roasted should actually mean",
    "Office coffee that people stop complaining about",
    "Three brew ratios worth memorising",
    "The story behind our Huila decaf",
)


def calendar(rows=10, start=dt.date(2027, 1, 11), header=None, hooks=HOOKS):
    lines = [
        header or "| Date | Channel | Hook | Caption | CTA |",
        "|---|---|---|---|---|",
    ]
    for index in range(rows):
        day = start + dt.timedelta(days=3 * index)
        lines.append(
            f"| {day.isoformat()} | Instagram | {hooks[index % len(hooks)]} | "
            "Roasted every Monday in Leeds and shipped within two days. | "
            "Book an office tasting |"
        )
    return "Ten posts across the first month, one pillar at a time.\n\n" + "\n".join(
        lines
    )


GOOD_BODIES = {
    "overview": (
        "Brightline Coffee Roasters roasts speciality coffee in Leeds and sells it "
        "by subscription to small offices. This plan turns its freshest-beans proof "
        "point into a month of content for office managers who want better coffee."
    ),
    "messaging_framework": (
        "### Core message\n\nFresh coffee is a policy, not a luxury. Brightline "
        "makes it automatic for every office, with beans roasted each Monday and "
        "plans that pause or change whenever the team needs."
    ),
    "detailed_30_day_calendar": calendar(),
    "content_buckets": (
        "### Freshness proof\n\nRoast dates and dispatch photos.\n\n"
        "### Origin stories\n\nThe farms and the prices we pay.\n\n"
        "### Brew better\n\nShort guides to grind size and ratios.\n\n"
        "### Office rituals\n\nHow teams use their coffee breaks well."
    ),
    "hashtag_strategy": (
        "Use #BrightlineCoffee and #RoastedMonday on every post, add two community "
        "tags such as #LeedsCoffee, and match one topic tag to the pillar of the "
        "day. Review reach per tag every Friday and retire weak tags."
    ),
    "kpi_plan_light": (
        "Track 120 qualified office leads, 25 booked tastings and a 1.8% LinkedIn "
        "click-through rate over the first thirty days, reported every Monday with "
        "one change made because of the numbers."
    ),
    "execution_roadmap": (
        "1. Week one: shoot roastery footage and schedule the first posts.\n"
        "2. Week two: launch the LinkedIn office series and tasting bookings.\n"
        "3. Week three: publish origin stories and retarget engaged viewers.\n"
        "4. Week four: review results and plan the second month."
    ),
    "final_summary": (
        "Brightline already has the proof office buyers need: fresher coffee, fair "
        "prices and flexible plans. This month of content puts that proof in front "
        "of the people who choose the office coffee."
    ),
}


def make_draft(
    *,
    draft_id="draft_01jqc000000000000000000000",
    pack="quick_social_basic",
    bodies=None,
    expected=QUICK_SOCIAL_SECTIONS,
    order=None,
):
    bodies = {**GOOD_BODIES, **(bodies or {})}
    titles = dict(expected)
    keys = order or [key for key, _ in expected]
    sections = tuple(
        SectionInput(key=key, title=titles.get(key, key.title()), body=bodies[key])
        for key in keys
        if bodies.get(key) is not None
    )
    return DraftInput(
        draft_id=draft_id,
        pack=pack,
        expected_sections=tuple(SectionSpec(key=k, title=t) for k, t in expected),
        sections=sections,
    )


def make_brief(**overrides):
    values = {
        "brief_id": "brief_01jqc000000000000000000000",
        "client_id": "client_01jqc00000000000000000000",
        "brand": "Brightline Coffee Roasters",
        "website": "https://brightline.example",
        "industry": "Coffee",
        "geography": "United Kingdom",
        "primary_offer": "Office coffee subscriptions",
        "objective": "Leads",
        "target_audience": "Office managers at firms of 10 to 80 people",
        "pain_points": ("Stale office coffee",),
        "desired_outcomes": ("120 qualified leads",),
        "pack": "quick_social_basic",
        "channels": ("Instagram", "LinkedIn"),
        "tone": "Warm and precise",
        "banned_words": ("cheap", "guaranteed results"),
        "competitors": (),
        "differentiators": ("Roasted every Monday",),
        "budget_amount": None,
        "budget_currency": None,
        "duration_weeks": 12,
        "start_date": dt.date(2027, 1, 11),
    }
    values.update(overrides)
    return BriefContext(**values)


@pytest.fixture
def brief():
    return make_brief()


@pytest.fixture
def draft():
    return make_draft()
