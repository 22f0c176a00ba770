import pytest

from production import api as production_api
from production.errors import ProductionError, UnknownPack
from production.generation.template import TemplateGenerator
from production.packs import PACKS

QUICK_SOCIAL_KEYS = [
    "overview",
    "messaging_framework",
    "detailed_30_day_calendar",
    "content_buckets",
    "hashtag_strategy",
    "kpi_plan_light",
    "execution_roadmap",
    "final_summary",
]


CAMPAIGN_KEYS = [
    "overview",
    "campaign_objective",
    "core_campaign_idea",
    "messaging_framework",
    "channel_plan",
    "audience_segments",
    "persona_cards",
    "creative_direction",
    "influencer_strategy",
    "promotions_and_offers",
    "detailed_30_day_calendar",
    "email_and_crm_flows",
    "ad_concepts",
    "kpi_and_budget_plan",
    "execution_roadmap",
    "post_campaign_analysis",
    "final_summary",
]


def test_pack_list_holds_both_packs_with_their_sections_in_order():
    packs = production_api.pack_list()

    assert [p.key for p in packs] == [
        "quick_social_basic",
        "strategy_campaign_standard",
    ]
    assert [s.key for s in packs[0].sections] == QUICK_SOCIAL_KEYS
    assert [s.key for s in packs[1].sections] == CAMPAIGN_KEYS
    assert packs[0].label == "Quick Social Basic"
    assert packs[1].label == "Strategy Campaign Standard"


def test_pack_get_returns_human_section_titles():
    pack = production_api.pack_get(key="quick_social_basic")

    titles = {s.key: s.title for s in pack.sections}
    assert titles["detailed_30_day_calendar"] == "30-Day Content Calendar"
    assert titles["kpi_plan_light"] == "KPI Plan"
    assert all(title and "_" not in title for title in titles.values())


def test_pack_get_rejects_an_unknown_key_naming_the_known_packs():
    with pytest.raises(UnknownPack) as caught:
        production_api.pack_get(key="gold_plated")

    error = caught.value
    assert error.code == "VALIDATION_ERROR"
    assert error.http_status == 400
    assert error.fields == {
        "pack": [
            "Unknown pack 'gold_plated'. Known packs: quick_social_basic, "
            "strategy_campaign_standard."
        ]
    }
    assert error.extra == {"fields": error.fields}
    assert isinstance(error, ProductionError)


@pytest.mark.parametrize("key", sorted(PACKS))
def test_every_registered_pack_has_a_writer_for_each_section(key):
    assert TemplateGenerator().supports(PACKS[key])
