"""Section standards: the shape each section of each pack must have, as data.

A :class:`SectionStandard` fixes, for one section of one pack, a word range, the
headings or bold labels it must carry, whether it needs a table, the phrases it must
not use, how many of its prose lines may repeat and how long its sentences may run on
average. :mod:`qc.section_rules` measures a draft against these standards.

The public API and the QC result call them benchmarks (``qc.api.section_benchmark``,
``SectionBenchmarkData``, the ``benchmark_*`` check ids and messages); those names stay.
They are quality thresholds, not performance benchmarks (those are in ``bench/``).

The numbers are calibrated against the template generators' drafts for a spread of
briefs (thin to rich, every objective, one to nine channels): their output passes with
a margin, while truncated, bloated, looping, unstructured or filler content fails.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from aicmo_site.writing import placeholders

# Clichés that read as filler in a client deliverable; matched case-insensitively
# and as whole phrases, with a hyphen or a space between words either way.
CLICHES: tuple[str, ...] = (
    "in today's digital age",
    "content is king",
    "game-changer",
    "synergy",
    "leverage synergies",
    "take it to the next level",
    "world-class",
    "cutting-edge",
    "best-in-class",
    "one-stop shop",
    "think outside the box",
    "at the end of the day",
)
# Bracketed placeholders such as ``[CLIENT NAME]`` are forbidden too.
FORBIDDEN_PHRASES: tuple[str, ...] = CLICHES + placeholders.WORDS

MAX_REPEATED_LINE_RATIO = 0.2
MAX_AVG_SENTENCE_WORDS = 28.0


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionStandard:
    """What one section of one pack must look like.

    ``required_labels`` are matched case-insensitively against the section's
    headings, bold labels, ``Label:`` lead-in lines and table header cells; a label
    also matches its plural or singular and a longer label that starts with it and a
    colon (``**Tone of voice: warm**`` carries "Tone of voice").
    """

    min_words: int
    max_words: int
    required_labels: tuple[str, ...] = ()
    needs_table: bool = False
    forbidden_phrases: tuple[str, ...] = FORBIDDEN_PHRASES
    max_repeated_line_ratio: float = MAX_REPEATED_LINE_RATIO
    max_avg_sentence_words: float = MAX_AVG_SENTENCE_WORDS


# --- The standards ----------------------------------------------------------------
# Minimum words sit near 40% of the thinnest generated section (a stub or a cut-off
# section falls below), maximums about 50% above the richest. Labels are what the
# generators emit where a deliverable needs it, plus what issue 3 requires (a
# persona's demographics, pain points, motivations, objections and preferred
# platforms). Prose averages 12 to 24 words per sentence in generated drafts.

_OVERVIEW = SectionStandard(
    min_words=70,
    max_words=550,
    required_labels=(
        "Offer",
        "Objective",
        "Audience",
        "Channels",
        "The challenge",
        "What success looks like",
    ),
)
_MESSAGING = SectionStandard(
    min_words=100,
    max_words=950,
    required_labels=(
        "Positioning",
        "Core message",
        "Key messages",
        "Message map",
        "Tone of voice",
    ),
)
# Post copy repeats calls to action by design ("Save this post for later."), so the
# calendar allows more repeated lines than prose sections (generated: up to 25%).
_CALENDAR = SectionStandard(
    min_words=450,
    max_words=3600,
    required_labels=(
        "Date",
        "Platform",
        "Pillar",
        "Hook",
        "CTA",
        "Format",
        "Post copy",
    ),
    needs_table=True,
    max_repeated_line_ratio=0.35,
)
_ROADMAP = SectionStandard(
    min_words=90,
    max_words=800,
    required_labels=("Week 1", "Publish", "Milestone", "Agency"),
)
_SUMMARY = SectionStandard(
    min_words=50,
    max_words=230,
    required_labels=("Next steps",),
)

QUICK_SOCIAL_BASIC: dict[str, SectionStandard] = {
    "overview": _OVERVIEW,
    "messaging_framework": _MESSAGING,
    "detailed_30_day_calendar": _CALENDAR,
    # Each bucket repeats the same four field labels; generated: up to 20%.
    "content_buckets": SectionStandard(
        min_words=150,
        max_words=1200,
        required_labels=("Why it matters", "Example post ideas"),
        max_repeated_line_ratio=0.3,
    ),
    "hashtag_strategy": SectionStandard(
        min_words=60,
        max_words=380,
        required_labels=("Hashtags", "Per platform"),
        needs_table=True,
    ),
    "kpi_plan_light": SectionStandard(
        min_words=75,
        max_words=360,
        required_labels=(
            "KPI",
            "Campaign target",
            "How it is measured",
            "Reporting rhythm",
        ),
        needs_table=True,
    ),
    "execution_roadmap": _ROADMAP,
    "final_summary": _SUMMARY,
}

STRATEGY_CAMPAIGN_STANDARD: dict[str, SectionStandard] = {
    "overview": _OVERVIEW,
    "campaign_objective": SectionStandard(
        min_words=55,
        max_words=280,
        required_labels=(
            "Definition of success",
            "Why it matters to the business",
            "Out of scope",
        ),
        needs_table=True,
    ),
    "core_campaign_idea": SectionStandard(
        min_words=55,
        max_words=400,
        required_labels=(
            "Campaign name",
            "The insight",
            "The idea",
            "How the idea shows up",
        ),
    ),
    "messaging_framework": _MESSAGING,
    "channel_plan": SectionStandard(
        min_words=40,
        max_words=1050,
        required_labels=("Channel", "Share", "Why each channel"),
        needs_table=True,
    ),
    "audience_segments": SectionStandard(
        min_words=50,
        max_words=330,
        required_labels=("Segment", "Who they are", "What they need to hear"),
        needs_table=True,
    ),
    # Cards share their field labels, and two personas may share a platform list.
    "persona_cards": SectionStandard(
        min_words=60,
        max_words=320,
        required_labels=(
            "Demographics",
            "Pain points",
            "Motivations",
            "Objections",
            "Preferred platforms",
        ),
        max_repeated_line_ratio=0.3,
    ),
    "creative_direction": SectionStandard(
        min_words=125,
        max_words=730,
        required_labels=("Look and feel", "Voice", "Formats", "Example hook"),
    ),
    "influencer_strategy": SectionStandard(
        min_words=70,
        max_words=300,
        required_labels=(
            "Who to work with",
            "What every creator gets in their brief",
            "Budget and measurement",
        ),
    ),
    # Funded events get their plan here (production.generation.channel_kits).
    "promotions_and_offers": SectionStandard(
        min_words=40,
        max_words=600,
        required_labels=("Rules",),
    ),
    "detailed_30_day_calendar": _CALENDAR,
    "email_and_crm_flows": SectionStandard(
        # WhatsApp and SMS sequences join the email flows when they are funded.
        min_words=60,
        max_words=900,
        required_labels=("Flow", "Trigger", "Cadence", "Purpose", "CRM hygiene"),
        needs_table=True,
    ),
    # Concepts may share a platform, an audience or a call to action (generated: up
    # to 31% of lines); a concept copied whole goes well past 40%.
    # Funded search, print and podcast kits (ad groups, flyers, reads) join them.
    "ad_concepts": SectionStandard(
        min_words=65,
        max_words=1500,
        required_labels=(
            "Headline",
            "Call to action",
            "Platform and format",
            "Audience",
        ),
        max_repeated_line_ratio=0.4,
    ),
    "kpi_and_budget_plan": SectionStandard(
        min_words=70,
        max_words=400,
        required_labels=("KPI", "Target", "How it is measured", "Budget"),
        needs_table=True,
    ),
    "execution_roadmap": _ROADMAP,
    "post_campaign_analysis": SectionStandard(
        min_words=45,
        max_words=210,
        required_labels=("Questions the analysis answers", "What it delivers"),
    ),
    "final_summary": _SUMMARY,
}

STANDARDS: Mapping[str, Mapping[str, SectionStandard]] = {
    "quick_social_basic": QUICK_SOCIAL_BASIC,
    "strategy_campaign_standard": STRATEGY_CAMPAIGN_STANDARD,
}


def standard_for(pack: str, section: str) -> SectionStandard | None:
    """Return the standard of one section of one pack, or None if it has none."""
    return STANDARDS.get(pack, {}).get(section)
