"""The strategy_campaign_standard pack: 17 sections, all written from the brief."""

import re

import pytest

from production import api as production_api
from production.generation.base import CALENDAR_HEADER, finalize, render_markdown
from production.generation.template import TemplateGenerator
from production.packs import STRATEGY_CAMPAIGN_STANDARD
from tests.briefs import BAKERY, SAAS, make_brief
from tests.production.conftest import BAKERY_STRATEGY, SAAS_STRATEGY

PLACEHOLDER = re.compile(r"(?<!\w)(TBD|TODO|lorem\s+ipsum)(?!\w)", re.IGNORECASE)
BRACKETED = re.compile(r"(?<!\\)\[([^\[\]\n]*?[^\W_][^\[\]\n]*?)\](?!\()")


def generate(brief=BAKERY, strategy=BAKERY_STRATEGY):
    draft = TemplateGenerator().generate(
        brief=brief, strategy=strategy, pack=STRATEGY_CAMPAIGN_STANDARD
    )
    return finalize(draft, brief, STRATEGY_CAMPAIGN_STANDARD)


def body(draft, key):
    return next(s.body for s in draft.sections if s.key == key)


@pytest.mark.django_db
def test_the_campaign_pack_generates_through_the_api():
    draft = production_api.draft_generate(
        brief=BAKERY,
        strategy=BAKERY_STRATEGY,
        pack="strategy_campaign_standard",
        idempotency_key="run:campaign",
    )

    assert draft.pack == "strategy_campaign_standard"
    assert [s.key for s in draft.sections] == [
        s.key for s in STRATEGY_CAMPAIGN_STANDARD.sections
    ]
    assert draft.title == "Kiln & Crumb: Strategy Campaign Standard, January 2027"


def test_every_section_is_written_and_substantial():
    for section in generate().sections:
        words = re.findall(r"\w+", section.body)
        assert len(words) >= 25, section.key
        assert not re.search(r"^#{1,2} ", section.body, re.MULTILINE), section.key


def test_creative_direction_gives_each_pillar_a_level_3_heading():
    headings = re.findall(
        r"^### (.+)$", body(generate(), "creative_direction"), re.MULTILINE
    )

    assert headings == [p.name for p in BAKERY_STRATEGY.pillars]


def test_the_calendar_keeps_its_contract():
    draft = generate()
    calendar = body(draft, "detailed_30_day_calendar")

    assert CALENDAR_HEADER in calendar.splitlines()
    assert len(draft.posts) >= 14


def test_budget_lines_follow_the_channel_shares():
    plan = body(generate(), "kpi_and_budget_plan")

    # GBP 6,000 less a GBP 600 creator pool and GBP 900 of production leaves GBP
    # 4,500 of channel spend: 40% is GBP 1,800, 20% is GBP 900.
    assert "| Instagram | GBP 1,800 | CPM GBP 6.30, CTR 0.9%, CVR 2.5% |" in plan
    assert "| Email | GBP 900 | 5% of visitors join, CVR 7.5% |" in plan


def test_personas_take_ages_from_the_audience_but_not_from_company_sizes():
    bakery_personas = body(generate(), "persona_cards")
    saas_personas = body(generate(SAAS, SAAS_STRATEGY), "persona_cards")

    assert re.search(r"^### \w+, (2[89]|3\d|4[0-5]): busy professional, the ",
                     bakery_personas, re.MULTILINE)  # fmt: skip
    headings = re.findall(r"^### (.+)$", saas_personas, re.MULTILINE)
    assert [h.split(": ", 1)[1].split(",")[0] for h in headings] == [
        "CFO",
        "finance controller",
    ]
    assert not re.search(r"^### \w+, 50", saas_personas, re.MULTILINE)


def test_briefs_from_different_industries_get_different_campaigns():
    bakery = render_markdown("", generate().sections)
    saas = render_markdown("", generate(SAAS, SAAS_STRATEGY).sections)

    assert "Micro-creators in Leeds" in bakery
    assert "Practitioners" in saas
    assert "Kiln & Crumb" not in saas


def test_no_placeholders_or_banned_words_in_the_campaign_pack():
    brief = make_brief(
        banned_words=("fresh", "discount"),
        primary_offer="Weekly sourdough subscription [TBD]",
    )

    text = render_markdown("t", generate(brief).sections)

    assert PLACEHOLDER.search(text) is None
    assert BRACKETED.search(text) is None
    for word in ("fresh", "discount"):
        assert not re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE), word
