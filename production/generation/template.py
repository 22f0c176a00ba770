"""The template draft generator: rules and templates driven by the brief and strategy.

Deterministic: the only variation comes from generators seeded with the brief id and
the variant being written.
"""

from collections.abc import Mapping

from aicmo_site.kernel.briefs import BriefContext
from production.dto import DraftSectionData, PackData, PostData, StrategyInput
from production.generation.base import GeneratedDraft, scrub_value
from production.generation.context import build_context
from production.generation.posts import build_hashtags, write_posts
from production.generation.writers import WRITERS

# The section whose variant decides the posts every other section quotes.
CALENDAR_SECTION = "detailed_30_day_calendar"


class TemplateGenerator:
    """Writes every section it has a writer for; packs are checked with ``supports``."""

    def supports(self, pack: PackData) -> bool:
        """Return whether every section of ``pack`` has a writer."""
        return all(section.key in WRITERS for section in pack.sections)

    def generate(
        self,
        *,
        brief: BriefContext,
        strategy: StrategyInput,
        pack: PackData,
        variants: Mapping[str, int] | None = None,
    ) -> GeneratedDraft:
        """Return the draft for ``pack``, each section in its variant (0 by default)."""
        chosen = dict(variants or {})
        ctx = build_context(brief=brief, strategy=strategy, pack=pack)
        hashtags = build_hashtags(ctx.facts, brief.banned_words)
        # Scrub posts before the calendar is built from them, so the table and the
        # post data always say the same thing.
        calendar = ctx.with_variant(chosen.get(CALENDAR_SECTION, 0))
        posts: tuple[PostData, ...] = scrub_value(
            write_posts(calendar, hashtags), brief.banned_words
        )
        sections = tuple(
            DraftSectionData(
                key=section.key,
                title=section.title,
                body=WRITERS[section.key](
                    ctx.with_variant(chosen.get(section.key, 0)), posts, hashtags
                ),
            )
            for section in pack.sections
        )
        title = f"{ctx.facts.brand}: {pack.label}, {ctx.start:%B %Y}"
        return GeneratedDraft(title=title, sections=sections, posts=posts)
