"""The template draft generator: rules and templates driven by the brief and strategy.

Deterministic: the only variation comes from generators seeded with the brief id.
"""

from aicmo_site.kernel.briefs import BriefContext
from production.dto import DraftSectionData, PackData, PostData, StrategyInput
from production.generation.base import GeneratedDraft, scrub_value
from production.generation.context import build_context
from production.generation.posts import build_hashtags, write_posts
from production.generation.writers import WRITERS


class TemplateGenerator:
    """Writes every section it has a writer for; packs are checked with ``supports``."""

    def supports(self, pack: PackData) -> bool:
        """Return whether every section of ``pack`` has a writer."""
        return all(section.key in WRITERS for section in pack.sections)

    def generate(
        self, *, brief: BriefContext, strategy: StrategyInput, pack: PackData
    ) -> GeneratedDraft:
        """Return the draft for ``pack``, written from the brief and strategy."""
        ctx = build_context(brief=brief, strategy=strategy, pack=pack)
        hashtags = build_hashtags(ctx.facts, brief.banned_words)
        # Scrub posts before the calendar is built from them, so the table and the
        # post data always say the same thing.
        posts: tuple[PostData, ...] = scrub_value(
            write_posts(ctx, hashtags), brief.banned_words
        )
        sections = tuple(
            DraftSectionData(
                key=section.key,
                title=section.title,
                body=WRITERS[section.key](ctx, posts, hashtags),
            )
            for section in pack.sections
        )
        title = f"{ctx.facts.brand}: {pack.label}, {ctx.start:%B %Y}"
        return GeneratedDraft(title=title, sections=sections, posts=posts)
