"""The registry of section writers: one per section key any pack may use."""

from collections.abc import Callable

from production.dto import PostData
from production.generation import campaign, personas, sections
from production.generation.context import DraftContext
from production.generation.posts import HashtagPlan

SectionWriter = Callable[[DraftContext, tuple[PostData, ...], HashtagPlan], str]

WRITERS: dict[str, SectionWriter] = {
    "overview": sections.overview,
    "campaign_objective": campaign.campaign_objective,
    "core_campaign_idea": campaign.core_campaign_idea,
    "messaging_framework": sections.messaging_framework,
    "channel_plan": campaign.channel_plan,
    "audience_segments": campaign.audience_segments,
    "persona_cards": personas.persona_cards,
    "creative_direction": campaign.creative_direction,
    "influencer_strategy": campaign.influencer_strategy,
    "promotions_and_offers": campaign.promotions_and_offers,
    "detailed_30_day_calendar": sections.calendar,
    "content_buckets": sections.content_buckets,
    "hashtag_strategy": sections.hashtag_strategy,
    "kpi_plan_light": sections.kpi_plan,
    "email_and_crm_flows": campaign.email_and_crm_flows,
    "ad_concepts": campaign.ad_concepts,
    "kpi_and_budget_plan": campaign.kpi_and_budget_plan,
    "execution_roadmap": sections.execution_roadmap,
    "post_campaign_analysis": campaign.post_campaign_analysis,
    "final_summary": sections.final_summary,
}
