"""Content quality and the Markdown contracts of the template draft generator."""

import dataclasses
import datetime as dt
import re

import pytest

from production.generation.base import CALENDAR_HEADER, finalize, render_markdown
from production.generation.template import TemplateGenerator
from production.packs import QUICK_SOCIAL_BASIC
from tests.briefs import BAKERY, SAAS, make_brief
from tests.production.conftest import BAKERY_STRATEGY, SAAS_STRATEGY

PLACEHOLDER = re.compile(r"(?<!\w)(TBD|TODO|lorem\s+ipsum)(?!\w)", re.IGNORECASE)
BRACKETED = re.compile(r"(?<!\\)\[([^\[\]\n]*?[^\W_][^\[\]\n]*?)\](?!\()")


def generate(brief=BAKERY, strategy=BAKERY_STRATEGY):
    draft = TemplateGenerator().generate(
        brief=brief, strategy=strategy, pack=QUICK_SOCIAL_BASIC
    )
    return finalize(draft, brief, QUICK_SOCIAL_BASIC)


def body(draft, key: str) -> str:
    return next(s.body for s in draft.sections if s.key == key)


def split_row(line: str) -> list[str]:
    cells = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [cell.strip().replace("\\|", "|") for cell in cells]


def calendar_rows(draft) -> list[list[str]]:
    lines = body(draft, "detailed_30_day_calendar").splitlines()
    start = lines.index(CALENDAR_HEADER)
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(split_row(line))
    return rows


def full_text(draft) -> str:
    posts = "\n".join(
        "\n".join(str(getattr(p, f.name)) for f in dataclasses.fields(p))
        for p in draft.posts
    )
    return render_markdown(draft.title, draft.sections) + "\n" + posts


def test_calendar_is_one_table_row_per_post_with_the_exact_header():
    draft = generate()
    rows = calendar_rows(draft)

    assert CALENDAR_HEADER in body(draft, "detailed_30_day_calendar").splitlines()
    assert len(rows) == len(draft.posts) >= 14
    for row, post in zip(rows, draft.posts, strict=True):
        assert row == [
            post.date.isoformat(),
            post.platform,
            post.pillar,
            post.theme,
            post.hook,
            post.cta,
            post.format,
        ]


def test_posts_fall_inside_the_30_day_window_with_hook_cta_and_caption():
    draft = generate()
    end = BAKERY.start_date + dt.timedelta(days=29)

    for post in draft.posts:
        assert BAKERY.start_date <= post.date <= end
        assert post.hook.strip()
        assert post.cta.strip()
        assert post.hook in post.caption or post.hook.rstrip(".") in post.caption
    assert [p.date for p in draft.posts] == sorted(p.date for p in draft.posts)
    assert draft.posts[0].date == BAKERY.start_date


def test_posts_spread_over_the_brief_channels_and_pillars():
    draft = generate()

    assert {p.platform for p in draft.posts} == {"Instagram", "Facebook", "Email"}
    assert {p.pillar for p in draft.posts} == {p.name for p in BAKERY_STRATEGY.pillars}
    per_pillar_platforms = {
        name: {p.platform for p in draft.posts if p.pillar == name}
        for name in {p.pillar for p in draft.posts}
    }
    assert all(len(platforms) >= 2 for platforms in per_pillar_platforms.values())


def test_every_hook_is_unique():
    hooks = [p.hook.casefold() for p in generate().posts]

    assert len(hooks) == len(set(hooks))


def test_content_buckets_give_each_pillar_a_level_3_heading():
    buckets = body(generate(), "content_buckets")

    headings = re.findall(r"^### (.+)$", buckets, re.MULTILINE)
    assert headings == [p.name for p in BAKERY_STRATEGY.pillars]
    assert buckets.count("Example post ideas:") == len(headings)


def test_sections_carry_no_heading_of_level_1_or_2():
    for section in generate().sections:
        assert not re.search(r"^#{1,2} ", section.body, re.MULTILINE), section.key


def test_content_is_specific_to_the_brief():
    text = full_text(generate())

    for fact in (
        "Kiln & Crumb",
        "kilnandcrumb.co.uk",
        "weekly sourdough subscription",
        "artisan bakery",
        "Leeds",
        "no time to queue at independent bakeries",
        "naturally leavened 48-hour fermentation",
        "GBP 6,000",
        "11 January 2027",
        "#KilnAndCrumb",
    ):
        assert fact.lower() in text.lower(), fact


def test_a_brief_from_another_industry_shares_nothing_with_the_first():
    bakery, saas = generate(), generate(SAAS, SAAS_STRATEGY)
    saas_text = full_text(saas)

    for first_brand_text in ("Kiln & Crumb", "KilnAndCrumb", "sourdough", "Leeds"):
        assert first_brand_text.lower() not in saas_text.lower()
    assert "LedgerLoop" in saas_text
    assert {p.hook for p in bakery.posts}.isdisjoint(p.hook for p in saas.posts)
    assert body(bakery, "overview") != body(saas, "overview")


def test_a_brief_without_a_posting_channel_gets_one_and_says_why():
    brief = make_brief(SAAS, channels=("Google Ads", "SEO"))
    strategy = dataclasses.replace(SAAS_STRATEGY, channel_plan=())

    draft = generate(brief, strategy)

    assert {p.platform for p in draft.posts} == {"LinkedIn"}
    # Two pain points, two differentiators and an offer without terms fill fewer
    # posts than a month of LinkedIn slots: the calendar posts what the brief can
    # say, once each, and asks the client for the rest.
    assert 7 <= len(draft.posts) < 14
    assert len({p.caption.split("\n\n")[1] for p in draft.posts}) == len(draft.posts)
    calendar = body(draft, "detailed_30_day_calendar")
    assert "LinkedIn is added as the home for organic posts" in calendar
    assert "- **To supply:** the five questions CFOs and finance controllers ask" in (
        calendar
    )


def test_a_two_week_campaign_keeps_its_calendar_inside_the_campaign():
    brief = make_brief(duration_weeks=2)

    draft = generate(brief)

    assert len(draft.posts) >= 14
    assert max(p.date for p in draft.posts) <= dt.date(2027, 1, 24)


def test_banned_words_are_rephrased_out_of_every_line():
    brief = make_brief(
        banned_words=("fresh", "best", "Bread Ahead", "subscription"),
        differentiators=("The best fresh loaves in Leeds",),
    )

    text = full_text(generate(brief))

    for phrase in ("fresh", "best", "bread ahead", "subscription"):
        pattern = r"(?<!\w)" + r"\s+".join(phrase.split()) + r"(?!\w)"
        assert not re.search(pattern, text, re.IGNORECASE), phrase
    assert "leading" in text.lower()


def test_a_banned_word_never_breaks_the_calendar_header():
    draft = generate(make_brief(banned_words=("date", "platform")))

    assert CALENDAR_HEADER in body(draft, "detailed_30_day_calendar")
    assert len(calendar_rows(draft)) == len(draft.posts)


def test_no_placeholders_even_when_the_brief_contains_them():
    brief = make_brief(
        primary_offer="Weekly sourdough subscription [TBD]",
        pain_points=("TODO: confirm pain", "Lorem ipsum dolor"),
        differentiators=("[BRACKETED] proof",),
    )

    text = full_text(generate(brief))

    assert PLACEHOLDER.search(text) is None
    assert BRACKETED.search(text) is None


def test_pipes_in_brief_text_are_escaped_in_table_cells():
    brief = make_brief(brand="Kiln | Crumb", website="kilnandcrumb.co.uk")

    draft = generate(brief)
    rows = calendar_rows(draft)

    assert all(len(row) == 7 for row in rows)
    assert any("Kiln | Crumb" in row[4] for row in rows)
    assert "Kiln \\| Crumb" in body(draft, "detailed_30_day_calendar")


@pytest.mark.parametrize(
    "objective", ["Awareness", "Leads", "Sales", "Hiring", "Partnerships", "Retention"]
)
def test_every_objective_produces_a_complete_draft(objective):
    draft = generate(make_brief(objective=objective))

    assert [s.key for s in draft.sections] == [
        s.key for s in QUICK_SOCIAL_BASIC.sections
    ]
    assert len(draft.posts) >= 14
    assert objective.lower() in body(draft, "content_buckets")


def test_kpi_plan_prorates_volume_targets_and_ramps_rates_to_day_30():
    kpis = body(generate(), "kpi_plan_light")

    # 110 orders over 84 days: 30 days' share, rounded up, is 40. The target column
    # leaves out "by the end of week 12": the intro says targets are due then.
    assert (
        "| Weekly sourdough subscription orders | 110 orders | 40 "
        "| Store orders matched by UTM |"
    ) in kpis
    # A cost starts 40% above target (GBP 62) and closes 30/84 of the gap by day 30.
    assert (
        "| Cost per acquisition | GBP 44 campaign average | GBP 56 "
        "| Store orders matched by UTM |"
    ) in kpis
    assert kpis.startswith(
        "Three KPIs, each due by week 12, the campaign's end, unless stated;"
    )
