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


PILLARS = ("Freshness proof", "Origin stories", "Brew better", "Office rituals")
FORMATS = ("Reel", "Carousel", "Document post", "Photo")
CTAS = (
    "Book an office tasting",
    "Ask for a sample box",
    "Save this for your next order",
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


def post_calendar(rows=10, start=dt.date(2027, 1, 11)):
    """A calendar as the pack delivers it: a dated table, then each post's copy."""
    table = [
        "| Date | Platform | Pillar | Hook | CTA | Format |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    copy = ["### Post copy"]
    for index in range(rows):
        day = start + dt.timedelta(days=3 * index)
        platform = ("Instagram", "LinkedIn")[index % 2]
        pillar = PILLARS[index % len(PILLARS)]
        hook, cta = HOOKS[index % len(HOOKS)], CTAS[index % len(CTAS)]
        table.append(
            f"| {day.isoformat()} | {platform} | {pillar} | {hook} | {cta} | "
            f"{FORMATS[index % len(FORMATS)]} |"
        )
        copy.append(
            f"**{day:%a %d %b} · {platform}** ({pillar})\n\n"
            f"> {hook}.\n>\n"
            f"> Post {index + 1} of the month gives office managers one concrete "
            f"reason to switch, told through {pillar.lower()}. Brightline roasts in "
            "Leeds every Monday and ships within two days. Teams pause or change "
            "their plan whenever the office needs.\n>\n"
            "> Every bag carries its roast date, so the team can check the claim "
            f"for itself on day {3 * index + 1} of the campaign.\n>\n"
            f"> {cta}."
        )
    intro = (
        f"{rows} posts from {start:%d %B %Y}, alternating Instagram and LinkedIn. "
        "Each post belongs to one content pillar, opens with a hook and ends with "
        "one call to action. Full copy follows the table."
    )
    return "\n\n".join([intro, "\n".join(table), "\n\n".join(copy)])


# A quick_social_basic draft that passes every rule and every section benchmark.
GOOD_BODIES = {
    "overview": (
        "Brightline Coffee Roasters roasts speciality coffee in Leeds and sells it "
        "by subscription to small offices. This plan turns its freshest-beans proof "
        "point into a month of content for the office managers who choose what the "
        "team drinks.\n\n"
        "**At a glance**\n\n"
        "- **Offer:** Office coffee subscriptions, roasted every Monday\n"
        "- **Objective:** Leads: 120 qualified office enquiries in twelve weeks\n"
        "- **Audience:** Office managers at firms of 10 to 80 people\n"
        "- **Channels:** Instagram and LinkedIn\n\n"
        "**The challenge**\n\n"
        "Office managers hear one complaint more than any other: the coffee is "
        "stale. Supermarket beans sit in a cupboard for months, and switching "
        "suppliers feels like a risk nobody wants to own.\n\n"
        "**What success looks like**\n\n"
        "By the end of week twelve, Brightline has 120 qualified office leads and "
        "25 booked tastings. Each lead comes from a post that showed the roast "
        "date, the price and the flexible plan."
    ),
    "messaging_framework": (
        "**Positioning**\n\n"
        "For office managers tired of complaints about stale coffee, Brightline "
        "Coffee Roasters is the Leeds roaster that delivers beans within two days "
        "of roasting. Unlike supermarket bulk packs, every bag carries its roast "
        "date.\n\n"
        "### Core message\n\n"
        "Fresh coffee is a policy, not a luxury. Brightline makes it automatic for "
        "every office, with beans roasted each Monday and plans that pause or change "
        "whenever the team needs.\n\n"
        "**Key messages**\n\n"
        "1. Roasted every Monday and delivered within two days.\n"
        "2. One flat monthly price per office, with no contract to sign.\n"
        "3. A free tasting shows the difference before anyone commits.\n\n"
        "**Message map**\n\n"
        "| Pain point | What we say | Proof |\n"
        "| --- | --- | --- |\n"
        "| Stale office coffee | Fresh beans every week | Roast date on every bag |\n"
        "| Supplier risk | Try it before you switch | Free office tasting |\n\n"
        "**Tone of voice: warm and precise**\n\n"
        "Write like a friendly expert: short sentences, real numbers and one idea "
        "at a time. Name the roast date and the price rather than praising the "
        "coffee in general terms."
    ),
    "detailed_30_day_calendar": post_calendar(),
    "content_buckets": (
        "Four pillars carry the month. Rotating them keeps the feed varied while "
        "every post still serves the leads objective.\n\n"
        "### Freshness proof\n\n"
        "Roast dates, dispatch photos and the two-day journey from roaster to "
        "office kitchen.\n\n"
        "- **Why it matters:** it answers the stale-coffee complaint with evidence\n"
        "- **Example post ideas:** a roast-day reel, a dispatch timelapse, a bag "
        "label close-up\n\n"
        "### Origin stories\n\n"
        "The farms Brightline buys from, the prices it pays and the people who "
        "grow the coffee.\n\n"
        "- **Why it matters:** it gives office managers a story to share with "
        "their team\n"
        "- **Example post ideas:** meet the Huila growers, what fair price means, "
        "a harvest diary\n\n"
        "### Brew better\n\n"
        "Short guides to grind size, ratios and cleaning the office machine so "
        "fresh beans taste fresh.\n\n"
        "- **Why it matters:** good beans brewed badly still taste stale\n"
        "- **Example post ideas:** three ratios worth memorising, the grinder "
        "setting most offices get wrong\n\n"
        "### Office rituals\n\n"
        "How real teams use their coffee break to talk, plan and reset during a "
        "long working day.\n\n"
        "- **Why it matters:** it sells the break, not only the beans\n"
        "- **Example post ideas:** a Friday cupping, the new-starter welcome "
        "brew, a team tasting vote"
    ),
    "hashtag_strategy": (
        "Hashtags make Brightline findable in Leeds and connect each post to the "
        "topics office managers already follow.\n\n"
        "| Set | Hashtags | How to use |\n"
        "| --- | --- | --- |\n"
        "| Branded | #BrightlineCoffee #RoastedMonday | Every post |\n"
        "| Local | #LeedsCoffee #LeedsBusiness | Posts that show a place |\n"
        "| Topic | #OfficeCoffee #SpecialtyCoffee | Two per post, by pillar |\n\n"
        "**Per platform**\n\n"
        "- Instagram: five to eight tags in the last line of the caption.\n"
        "- LinkedIn: two or three tags worked into the copy.\n\n"
        "Review reach per tag every Friday and retire the weakest topic tag after "
        "week two."
    ),
    "kpi_plan_light": (
        "Three measures show whether the month is on pace for the twelve-week "
        "goal, reported every Monday with one change made because of the "
        "numbers.\n\n"
        "| KPI | Campaign target | How it is measured |\n"
        "| --- | --- | --- |\n"
        "| Qualified office leads | 120 in twelve weeks | CRM records by source |\n"
        "| Booked tastings | 25 in twelve weeks | Booking calendar |\n"
        "| LinkedIn click-through rate | 1.8% average | LinkedIn analytics |\n\n"
        "**Reporting rhythm**\n\n"
        "- Weekly pulse every Monday: posts published, reach and new leads.\n"
        "- Day-30 checkpoint: results against the table and the next month's plan."
    ),
    "execution_roadmap": (
        "The month runs as four working weeks. The agency runs production and "
        "reporting, and Brightline approves posts and supplies the roastery "
        "footage.\n\n"
        "### Week 1: 11–17 January 2027\n\n"
        "- **Publish:** three posts from Freshness proof and Origin stories\n"
        "- **Milestone:** tracking live on the tasting booking page\n"
        "- **Agency:** shoot roastery footage and schedule the first two weeks\n\n"
        "### Week 2: 18–24 January 2027\n\n"
        "- **Publish:** three posts, including the LinkedIn office series\n"
        "- **Agency:** answer comments within one working day\n\n"
        "### Week 3: 25–31 January 2027\n\n"
        "- **Publish:** two origin stories and one brewing guide\n"
        "- **Agency:** retarget people who watched the roast-day reel\n\n"
        "### Week 4: 1–7 February 2027\n\n"
        "- **Publish:** the last two posts of the month\n"
        "- **Milestone:** the day-30 review with the next month's themes"
    ),
    "final_summary": (
        "Brightline already has the proof office buyers need: fresher coffee, fair "
        "prices and flexible plans. This month of content puts that proof in front "
        "of the people who choose the office coffee, ten posts at a time.\n\n"
        "**Next steps**\n\n"
        "1. Approve the calendar by Friday 8 January 2027.\n"
        "2. Share roastery photos and two customer quotes before launch.\n"
        "3. Book the day-30 review for 10 February 2027."
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
