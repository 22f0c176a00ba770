"""The content sections: the 30-day calendar (both packs), content buckets and hashtags.

Contracts QC relies on: the calendar is a table headed by ``CALENDAR_HEADER`` with
ISO dates in the first column; content buckets give each pillar a ``### <name>``
heading. Before the table, the calendar lists what the agency still needs from the
client, one "**To supply:**" item per post type the playbook wants but the brief
cannot fill (``production.generation.substance``).
"""

import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence

from aicmo_site.writing import text
from aicmo_site.writing.facts import count_word
from production.dto import PostData
from production.generation import channel_kits, substance
from production.generation.base import CALENDAR_HEADER
from production.generation.context import DraftContext
from production.generation.markup import (
    bullets,
    cell,
    long_date,
    numbered,
    short_date,
    table,
)
from production.generation.posts import HashtagPlan

# The campaign pack's sections that hold the funded channels' kits.
KIT_SECTIONS = frozenset(
    {"ad_concepts", "email_and_crm_flows", "promotions_and_offers"}
)
KITS_HEADING = "### Funded channels beyond the posts"
CALENDAR_RULE = "| --- | --- | --- | --- | --- | --- | --- |"
# Fixed format text: how to read the calendar, the same for every client.
CALENDAR_GUIDE = (
    "Every post belongs to a content bucket, opens with a hook written for its "
    "platform and ends with one call to action. Full captions follow the table."
)
CALENDAR_GUIDE_WEEKLY = (
    "The copy that follows the table is grouped week by week, ready to schedule."
)


def weeks_of(ctx: DraftContext) -> list[tuple[int, dt.date, dt.date]]:
    """The calendar window's weeks: (number, first day, last day)."""
    count = math.ceil(ctx.days / 7)
    weeks = []
    for week in range(1, count + 1):
        first = ctx.start + dt.timedelta(days=7 * (week - 1))
        weeks.append((week, first, min(first + dt.timedelta(days=6), ctx.end)))
    return weeks


def _platform_counts(posts: Sequence[PostData]) -> str:
    counts = Counter(post.platform for post in posts)
    return text.join_and(f"{n} on {name}" for name, n in counts.most_common())


# --- calendar -------------------------------------------------------------------


def _quoted_copy(post: PostData) -> str:
    quoted = "\n".join(
        f"> {line}" if line else ">" for line in post.caption.split("\n")
    )
    return (
        f"**{short_date(post.date)} · {post.platform} · {post.format}** "
        f"({post.pillar})\n\n{quoted}"
    )


def calendar(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    added = [c.name for c in ctx.channels if c.added]
    formats = Counter(post.format for post in posts)
    if not ctx.alt:
        intro = (
            f"{text.plural(len(posts), 'post')} for {ctx.facts.brand} from "
            f"{long_date(ctx.start)} to {long_date(ctx.end)}: "
            f"{_platform_counts(posts)}. {CALENDAR_GUIDE}"
        )
    else:
        mix = text.join_and(
            text.plural(n, name.lower()) for name, n in formats.most_common()
        )
        intro = (
            f"This calendar for {ctx.facts.brand} leads with a fresh set of hooks and "
            f"angles. Across {ctx.days} days it mixes {mix}, so no format carries the "
            f"month alone. {CALENDAR_GUIDE_WEEKLY}"
        )
    if added:
        others = [c.channel for c in ctx.strategy.channel_plan] or list(
            ctx.facts.channels
        )
        intro += (
            f" {text.join_and(added)} is added as the home for organic posts, because "
            f"the planned channels ({text.join_and(others)}) carry no posts of their "
            "own."
        )
    needed = substance.substance_for(ctx).to_supply
    if needed:
        intro += (
            f" Some post types need material only {ctx.facts.brand} can give; until "
            "it arrives, their slots carry posts the brief can already fill."
        )
    rows = [
        "| "
        + " | ".join(
            cell(v)
            for v in (
                post.date.isoformat(),
                post.platform,
                post.pillar,
                post.theme,
                post.hook,
                post.cta,
                post.format,
            )
        )
        + " |"
        for post in posts
    ]
    parts = [intro]
    if needed:
        parts.append(bullets([f"**To supply:** {line}." for line in needed]))
    parts += [
        "\n".join([CALENDAR_HEADER, CALENDAR_RULE, *rows]),
        "### Post copy",
    ]
    if not ctx.alt:
        parts.append("\n\n".join(_quoted_copy(post) for post in posts))
    else:
        for week, first, last in weeks_of(ctx):
            mine = [p for p in posts if first <= p.date <= last]
            if mine:
                parts.append(f"#### Week {week}")
                parts.append("\n\n".join(_quoted_copy(post) for post in mine))
    return "\n\n".join([*parts, *_kits_without_a_home(ctx)])


def _kits_without_a_home(ctx: DraftContext) -> list[str]:
    """The funded channels' kits, in a pack with no ad or CRM section to hold them.

    The campaign pack writes them in its ad concepts, CRM flows and promotions; the
    quick social pack has only the calendar, so they follow its posts.
    """
    if KIT_SECTIONS & {section.key for section in ctx.pack.sections}:
        return []
    block = channel_kits.funded_channels_block(ctx)
    return [KITS_HEADING, block] if block else []


# --- buckets --------------------------------------------------------------------


def _bucket_tie(ctx: DraftContext, index: int) -> str:
    f = ctx.facts
    pillar = ctx.pillars[index]
    if pillar.kind == "proof" and f.diffs:
        return f"proves what sets {f.brand} apart: {f.diff(pillar.diff)}"
    if pillar.kind in {"problem", "offer"}:
        return f"answers '{f.pain(pillar.pain)}': {f.benefit(pillar.pain)}"
    return f"builds the trust that makes {f.audience_short} choose {f.brand}"


def content_buckets(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    if not ctx.alt:
        parts = [
            f"The calendar draws on {len(ctx.pillars)} content buckets, one per pillar "
            f"of the strategy. Rotating them keeps the feed varied while every post "
            f"still serves the {f.objective.lower()} objective."
        ]
        for index, pillar in enumerate(ctx.pillars):
            mine = [p for p in posts if p.pillar == pillar.name]
            platforms = text.join_and(dict.fromkeys(p.platform for p in mine))
            formats = text.join_and(dict.fromkeys(p.format for p in mine[:4]))
            facts = [
                f"**In the calendar:** {len(mine)} of {len(posts)} posts"
                + (f" ({platforms})" if platforms else ""),
                f"**Why it matters:** it {_bucket_tie(ctx, index)}",
            ]
            if formats:
                facts.append(f"**Formats that suit it:** {formats}")
            ideas = list(pillar.topics)
            ideas += [p.theme for p in mine if p.theme not in ideas][:2]
            parts += [
                f"### {pillar.name}",
                pillar.description,
                bullets(facts),
                "Example post ideas:",
                bullets(ideas),
            ]
        return "\n\n".join(parts)
    share_rows = []
    for pillar in ctx.pillars:
        mine = [p for p in posts if p.pillar == pillar.name]
        share = round(100 * len(mine) / len(posts)) if posts else 0
        share_rows.append(
            (
                pillar.name,
                f"{len(mine)} ({share}%)",
                text.join_and(dict.fromkeys(p.platform for p in mine)) or "None yet",
            )
        )
    parts = [
        f"{text.upper_first(count_word(len(ctx.pillars)))} buckets share the month, "
        f"each with one job for {f.brand}. The table shows how the posts are shared "
        "out; the notes below give each bucket's job and the hooks already written "
        "for it.",
        table(("Bucket", "Posts", "Platforms"), share_rows),
    ]
    for index, pillar in enumerate(ctx.pillars):
        mine = [p for p in posts if p.pillar == pillar.name]
        lead = text.sentence(text.upper_first(_bucket_tie(ctx, index)))
        ideas = [p.hook for p in mine[:3]] or list(pillar.topics[:3])
        ideas += [t for t in pillar.topics if t not in ideas][:1]
        parts += [
            f"### {pillar.name}",
            f"**Why it matters:** {lead}",
            "**Example post ideas**",
            numbered(ideas),
        ]
    return "\n\n".join(parts)


# --- hashtags -------------------------------------------------------------------


def _tag_sets(tags: HashtagPlan) -> list[tuple[str, str, str]]:
    rows = []
    if tags.branded:
        rows.append(
            (
                "Branded",
                " ".join(tags.branded),
                "Every post; the longer tag on launch and offer posts",
            )
        )
    if tags.local:
        rows.append(("Local", " ".join(tags.local), "Every post that shows a place"))
    if tags.topic:
        rows.append(
            ("Topic", " ".join(tags.topic), "Rotate two or three per post by theme")
        )
    if tags.community:
        rows.append(
            (
                "Community",
                " ".join(tags.community),
                "Reach beyond followers; check recent posts first",
            )
        )
    return rows


def hashtag_strategy(
    ctx: DraftContext, posts: tuple[PostData, ...], tags: HashtagPlan
) -> str:
    f = ctx.facts
    where = f" in {f.place}" if f.city else ""
    branded = tags.branded[0] if tags.branded else "the branded tag"
    platform_rows = []
    for channel in ctx.channels:
        low, high = channel.spec.hashtags
        if high == 0:
            use, placing = "None", "Hashtags do not belong in email"
        else:
            use = f"{low} to {high}" if low != high else str(high)
            placing = (
                "In the last line of the caption"
                if channel.spec.key in {"instagram", "tiktok", "threads", "pinterest"}
                else "Worked into the copy or at the end, never a block"
            )
        example = " ".join(tags.for_platform(channel.spec)) or "None"
        platform_rows.append((channel.name, use, placing, example))
    restricted = (
        ["Never use a tag that contains one of the client's restricted words"]
        if ctx.brief.banned_words
        else []
    )
    if not ctx.alt:
        rules = [
            "Check each tag's recent posts before first use, and drop any tag taken "
            "over by spam or unrelated content",
            "After week 2, compare reach by tag and swap the weakest topic tag",
            f"Use {branded} on every post, so the community can find the whole "
            "campaign",
            *restricted,
        ]
        return "\n\n".join(
            [
                f"Hashtags do three jobs here: make {f.brand} findable{where}, connect "
                f"posts to the topics {f.audience_short} already follow, and give the "
                "community a branded tag to use.",
                table(("Set", "Hashtags", "How to use"), _tag_sets(tags)),
                "**Per platform**",
                table(
                    ("Platform", "Tags per post", "Placement"),
                    [row[:3] for row in platform_rows],
                ),
                "**Rules**",
                bullets(rules),
            ]
        )
    sets = [f"**{name}:** {value}. {use}." for name, value, use in _tag_sets(tags)]
    rules = [
        f"Start every caption's tag line with {branded}",
        "Rotate the rest post by post, so no two posts in a row carry the same block",
        "Retire a tag after two weeks of below-average reach and test a new one",
        *restricted,
    ]
    return "\n\n".join(
        [
            f"Start from the platform, not the tag: each one rewards a different "
            f"number of hashtags, and {f.audience_short} search each one differently. "
            f"Every set below is checked against the brief, so {f.brand} is findable"
            f"{where} without borrowed noise.",
            "**Per platform**",
            table(
                ("Platform", "Tags per post", "Placement", "Example set"), platform_rows
            ),
            "**Hashtags**",
            bullets(sets),
            "**Rules**",
            numbered(rules),
        ]
    )
