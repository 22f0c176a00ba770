"""Pack definitions: productised offerings and their sections, in report order.

A pack is registered here only when the template generator can write every one of its
sections (``tests/production/test_packs.py`` holds that line).
"""

from production.dto import PackData, PackSectionData


def _sections(*pairs: tuple[str, str]) -> tuple[PackSectionData, ...]:
    return tuple(PackSectionData(key=key, title=title) for key, title in pairs)


QUICK_SOCIAL_BASIC = PackData(
    key="quick_social_basic",
    label="Quick Social Basic",
    description=(
        "A ready-to-run 30-day social media plan: messaging, a dated post calendar, "
        "content buckets, hashtags, light KPIs and a week-by-week roadmap."
    ),
    sections=_sections(
        ("overview", "Overview"),
        ("messaging_framework", "Messaging Framework"),
        ("detailed_30_day_calendar", "30-Day Content Calendar"),
        ("content_buckets", "Content Buckets"),
        ("hashtag_strategy", "Hashtag Strategy"),
        ("kpi_plan_light", "KPI Plan"),
        ("execution_roadmap", "Execution Roadmap"),
        ("final_summary", "Summary and Next Steps"),
    ),
)

STRATEGY_CAMPAIGN_STANDARD = PackData(
    key="strategy_campaign_standard",
    label="Strategy Campaign Standard",
    description=(
        "A full campaign plan: objective, core idea, channels, audiences and "
        "personas, creative and creator direction, offers, a dated 30-day calendar, "
        "email flows, ad concepts, KPIs with budget, roadmap and post-campaign "
        "analysis."
    ),
    sections=_sections(
        ("overview", "Overview"),
        ("campaign_objective", "Campaign Objective"),
        ("core_campaign_idea", "Core Campaign Idea"),
        ("messaging_framework", "Messaging Framework"),
        ("channel_plan", "Channel Plan"),
        ("audience_segments", "Audience Segments"),
        ("persona_cards", "Persona Cards"),
        ("creative_direction", "Creative Direction"),
        ("influencer_strategy", "Influencer Strategy"),
        ("promotions_and_offers", "Promotions and Offers"),
        ("detailed_30_day_calendar", "30-Day Content Calendar"),
        ("email_and_crm_flows", "Email and CRM Flows"),
        ("ad_concepts", "Ad Concepts"),
        ("kpi_and_budget_plan", "KPIs and Budget Plan"),
        ("execution_roadmap", "Execution Roadmap"),
        ("post_campaign_analysis", "Post-Campaign Analysis"),
        ("final_summary", "Summary and Next Steps"),
    ),
)

PACKS: dict[str, PackData] = {
    pack.key: pack for pack in (QUICK_SOCIAL_BASIC, STRATEGY_CAMPAIGN_STANDARD)
}


def pack_keys() -> tuple[str, ...]:
    """Return the registered pack keys, in registration order."""
    return tuple(PACKS)


def find_pack(key: str) -> PackData | None:
    """Return the pack with this key, or None."""
    return PACKS.get(key)
