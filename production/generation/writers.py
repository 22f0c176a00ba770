"""The registry of section writers: one per section key any pack may use."""

from collections.abc import Callable

from production.dto import PostData
from production.generation import personas
from production.generation.campaign import (
    audience,
    conversion,
    creative,
    idea,
    measurement,
)
from production.generation.context import DraftContext
from production.generation.posts import HashtagPlan
from production.generation.sections import closing, content, opening

SectionWriter = Callable[[DraftContext, tuple[PostData, ...], HashtagPlan], str]

WRITERS: dict[str, SectionWriter] = {
    "overview": opening.overview,
    "campaign_objective": idea.campaign_objective,
    "core_campaign_idea": idea.core_campaign_idea,
    "messaging_framework": opening.messaging_framework,
    "channel_plan": audience.channel_plan,
    "audience_segments": audience.audience_segments,
    "persona_cards": personas.persona_cards,
    "creative_direction": creative.creative_direction,
    "influencer_strategy": creative.influencer_strategy,
    "promotions_and_offers": conversion.promotions_and_offers,
    "detailed_30_day_calendar": content.calendar,
    "content_buckets": content.content_buckets,
    "hashtag_strategy": content.hashtag_strategy,
    "kpi_plan_light": closing.kpi_plan,
    "email_and_crm_flows": conversion.email_and_crm_flows,
    "ad_concepts": conversion.ad_concepts,
    "kpi_and_budget_plan": measurement.kpi_and_budget_plan,
    "execution_roadmap": closing.execution_roadmap,
    "post_campaign_analysis": measurement.post_campaign_analysis,
    "final_summary": closing.final_summary,
}
