"""Section writers: one function per pack section key, each returning a Markdown body.

Bodies never carry their own ``## `` heading. Contracts QC relies on: the calendar is
a table headed by ``CALENDAR_HEADER`` with ISO dates in the first column; content
buckets give each pillar a ``### <name>`` heading.

Every writer has two plans. Variant 0 is the first draft; any other variant
(``ctx.alt``) is the regenerated take: the same facts and contracts, set out in
another structure, from another angle or in another order.
"""

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from aicmo_site.writing import text
from aicmo_site.writing.facts import count_word
from aicmo_site.writing.kpis import FAMILIES, is_money
from production.dto import PostData
from production.generation.context import DraftContext, KpiPlan
from production.generation.posts import HashtagPlan

CALENDAR_HEADER = "| Date | Platform | Pillar | Theme | Hook | CTA | Format |"
CALENDAR_RULE = "| --- | --- | --- | --- | --- | --- | --- |"
CALENDAR_SECTION = "detailed_30_day_calendar"
# Who owns a task in the roadmap and the next steps.
AGENCY_LEAD = "Agency (campaign lead)"
AGENCY_DESIGN = "Agency (design)"
AGENCY_DATA = "Agency (analytics)"


def cell(value: str) -> str:
    """Return ``value`` safe for a Markdown table cell: one line, pipes escaped."""
    return " ".join(value.split()).replace("|", "\\|")


def table(header: tuple[str, ...], rows: Sequence[Sequence[str]]) -> str:
    """Render a Markdown table."""
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def numbered(items: Sequence[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def short_date(value: dt.date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def brand_owner(ctx: DraftContext) -> str:
    """The client's owner label: ``Ledgerly (marketing lead)``."""
    return f"{ctx.facts.brand} (marketing lead)"


def _platform_counts(posts: Sequence[PostData]) -> str:
    counts = Counter(post.platform for post in posts)
    return text.join_and(f"{n} on {name}" for name, n in counts.most_common())


def objective_line(ctx: DraftContext) -> str:
    f = ctx.facts
    return {
        "Awareness": f"make {f.brand} familiar to {f.audience_short}",
        "Leads": f"turn interest into qualified enquiries for {f.offer_ref}",
        "Sales": f"turn attention into orders of {f.offer_ref}",
        "Hiring": f"bring qualified candidates to {f.brand}",
        "Partnerships": f"open partnership conversations for {f.brand}",
        "Retention": f"keep existing {f.customers} buying and recommending {f.brand}",
    }[f.objective]


def _budget_line(ctx: DraftContext) -> str:
    f = ctx.facts
    if f.budget is None:
        return (
            "No paid budget is set: this is an organic plan, with paid support to "
            "follow once the first posts show which messages land"
        )
    window = (f.budget * Decimal(ctx.days) / Decimal(f.weeks * 7)).quantize(
        Decimal(1), ROUND_HALF_UP
    )
    return (
        f"{f.currency} {f.budget:,.0f} over {f.weeks} weeks; about {f.currency} "
        f"{window:,} of it falls in this {ctx.days}-day window"
    )


def lower_name(name: str) -> str:
    """A KPI name mid-sentence: ``qualified applications``, keeping acronyms."""
    words = name.split()
    acronym = len(words[0]) > 1 and words[0][1].isupper()
    proper = len(words) > 1 and words[1][:1].isupper()  # "Net Promoter Score"
    if acronym or proper:
        return name
    return name[:1].lower() + name[1:]


# --- KPI numbers ----------------------------------------------------------------


def _number(value: Decimal) -> str:
    whole = value == value.to_integral_value()
    return f"{value:,.0f}" if whole else f"{value:,.2f}".rstrip("0").rstrip(".")


def value_text(value: Decimal, unit: str) -> str:
    """Render a KPI value with its unit: ``4%``, ``3x``, ``GBP 12``, ``900 leads``."""
    number = _number(value)
    if number == "1" and unit.endswith("s") and not unit.endswith("ss"):
        unit = unit[:-1]  # "1 partner", not "1 partners"
    if unit == "%":
        return f"{number}%"
    if unit == "x":
        return f"{number}x"
    if is_money(unit):
        return f"{unit} {number}"
    return f"{number} {unit}"


def target_text(kpi: KpiPlan) -> str:
    return value_text(kpi.target, kpi.unit)


MEASURES = (
    (
        r"\breach|impression|follower|engagement|\bviews?\b",
        "Native analytics on {platforms}",
    ),
    (r"branded search", "Google Search Console, branded queries"),
    (
        r"session|visit|conversion rate|returning|sign-?up",
        "Google Analytics 4, with UTM-tagged links",
    ),
    (
        r"lead|enquir|application|applicant|interview|hire|starters",
        "CRM records, tagged by source",
    ),
    (r"meeting|proposal|partner|organisation", "Partnership pipeline in the CRM"),
    (
        r"order|revenue|return on ad|acquisition|basket|active after",
        "Store orders and ad spend, matched by UTM",
    ),
    (r"email|subscriber|open rate|nurture", "Email platform reports"),
    (r"response|reply", "Inbox and CRM timestamps"),
    (r"churn|repeat|renewal|referral|won back|promoter", "Customer records and survey"),
)


def measure(ctx: DraftContext, kpi: KpiPlan) -> str:
    platforms = text.join_and(c.name for c in ctx.channels if c.spec.kind == "social")
    for pattern, source in MEASURES:
        if re.search(pattern, kpi.name, re.IGNORECASE):
            return source.format(platforms=platforms or "each channel")
    return "Campaign tracker, updated weekly"


def kpis_by_family(ctx: DraftContext) -> list[KpiPlan]:
    """The KPIs ordered by funnel family, keeping the strategy's order within one."""
    order = {family: index for index, family in enumerate(FAMILIES)}
    return sorted(ctx.kpis, key=lambda k: order.get(k.family, len(order)))


# --- overview -------------------------------------------------------------------


def _glance(ctx: DraftContext, posts: tuple[PostData, ...]) -> list[tuple[str, str]]:
    f = ctx.facts
    unit = "of budget" if f.budget is not None else "of effort"
    channels = [
        f"{c.channel} ({c.budget_pct}% {unit})" for c in ctx.strategy.channel_plan
    ]
    brand = f"{f.brand}, {f.entity}" + (f", {f.geo}" if f.geo else "")
    return [
        ("Brand", brand),
        ("Offer", text.upper_first(f.offer)),
        ("Objective", f"{f.objective}: {objective_line(ctx)}"),
        ("Audience", text.upper_first(f.audience)),
        ("Channels", text.join_and(channels) or text.join_and(f.channels)),
        ("Budget", _budget_line(ctx)),
        ("Tone of voice", text.upper_first(f.tone)),
        (
            "Content",
            f"{text.plural(len(posts), 'post')} across "
            f"{text.plural(len(ctx.pillars), 'content bucket')}",
        ),
    ]


def _challenge(ctx: DraftContext) -> list[str]:
    f = ctx.facts
    count = len(f.pains)
    things = "thing that gets" if count == 1 else "things that get"
    parts = [
        f"{text.upper_first(f.audience_short)} name {count_word(count)} {things} in "
        "the way:",
        bullets([text.upper_first(pain) for pain in f.pains]),
    ]
    if f.competitors:
        parts.append(
            f"They can also choose {text.join_and(f.competitors, 'or')}, so every "
            f"post has to show why {f.brand} is different."
        )
    return parts


def overview(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    serving = f" in {f.geo_phrase}" if f.geo else ""
    channels = text.join_and(c.name for c in ctx.channels)
    lead = ctx.kpis[0] if ctx.kpis else None
    goals = len(f.outcomes)
    success = [
        f"By {long_date(f.end)}, {f.brand} is working toward {count_word(goals)} "
        f"{'goal' if goals == 1 else 'goals'}:"
    ]
    if not ctx.alt:
        intro = (
            f"{f.brand} ({f.site}) is {text.a_an(f.entity)}{serving}. This plan turns "
            f"the approved strategy (version {ctx.strategy.version}) into "
            f"{text.plural(len(posts), 'ready-to-publish post')} for "
            f"{f.audience_mid}, running from {long_date(ctx.start)} to "
            f"{long_date(ctx.end)} on {channels}."
        )
        glance = bullets(
            [f"**{label}:** {value}" for label, value in _glance(ctx, posts)]
        )
        success.append(bullets([text.upper_first(o) for o in f.outcomes]))
        if lead is not None:
            success.append(
                f"The lead measure is {lower_name(lead.name)}: {target_text(lead)} "
                f"{lead.timeframe}."
            )
        return "\n\n".join(
            [
                intro,
                "**At a glance**",
                glance,
                "**The challenge**",
                *_challenge(ctx),
                "**What success looks like**",
                *success,
            ]
        )
    intro = (
        f"The next {ctx.days} days have one job: to {objective_line(ctx)}. "
        f"{f.brand} ({f.site}) is {text.a_an(f.entity)}{serving}, and this plan puts "
        f"strategy version {ctx.strategy.version} to work from "
        f"{long_date(ctx.start)}, starting with the problem its audience names."
    )
    glance = table(
        ("Item", "Detail"),
        [(f"**{label}**", value) for label, value in _glance(ctx, posts)],
    )
    tracked = [
        f"{text.upper_first(lower_name(k.name))}: {value_text(k.path.day_30, k.unit)} "
        f"by day 30, {target_text(k)} {k.timeframe}"
        for k in ctx.kpis[:2]
    ]
    success.append(numbered([text.upper_first(o) for o in f.outcomes]))
    if tracked:
        success += ["Tracked first through:", bullets(tracked)]
    return "\n\n".join(
        [
            intro,
            "**The challenge**",
            *_challenge(ctx),
            "**What success looks like**",
            *success,
            "**At a glance**",
            glance,
        ]
    )


# --- messaging ------------------------------------------------------------------


def sentences(value: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", value.strip()) if s]


def positioning(ctx: DraftContext) -> str:
    """The strategy's positioning, held to one or two sentences."""
    return " ".join(sentences(ctx.strategy.positioning)[:2])


def differentiators(ctx: DraftContext) -> list[str]:
    """Two or three differentiators: the brief's own, then what the plan can prove."""
    f = ctx.facts
    items = [text.upper_first(d) for d in f.diffs[:3]]
    derived = [
        f"Open about the work: {f.brand} shows {f.profile.proof[0]} instead of only "
        "describing it",
        f"Built around {f.offer_ref}, for {f.audience_short}",
    ]
    if f.is_city:
        derived.insert(1, f"Based in {f.city}, close to the {f.customers} it serves")
    for item in derived:
        if len(items) >= 2:
            break
        items.append(item)
    return items


def _answer(ctx: DraftContext, index: int) -> str:
    f = ctx.facts
    diffs = differentiators(ctx)
    return f"With {f.brand}: {text.lower_first(diffs[index % len(diffs)])}."


def _tone_lines(ctx: DraftContext, posts: tuple[PostData, ...]) -> list[str]:
    f = ctx.facts
    guide = ctx.tone
    if not ctx.alt:
        parts = [
            f"**Tone of voice: {f.tone}**",
            guide.summary,
            "Do:",
            bullets(list(guide.do)),
            "Avoid:",
            bullets(list(guide.avoid)),
        ]
        if posts:
            parts.append(f'In this voice, the calendar opens with: "{posts[0].hook}"')
        return parts
    parts = [
        f"**Tone of voice: {f.tone}**",
        f"{guide.summary} Each line below pairs a habit with the slip it replaces.",
        table(("Do", "Avoid"), list(zip(guide.do, guide.avoid, strict=False))),
    ]
    if len(posts) > 1:
        parts.append(
            f'Two hooks from the calendar show it at work: "{posts[1].hook}" and '
            f'"{posts[-1].hook}"'
        )
    return parts


def messaging_framework(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    messages = ctx.strategy.key_messages[:5]
    diffs = differentiators(ctx)
    core = ["**Core message**", messages[0]] if messages else []
    key = ["**Key messages**", numbered(list(messages))] if messages else []
    compliance = []
    if ctx.brief.banned_words:
        compliance.append(
            "**Restricted vocabulary:** the words the client has ruled out are kept "
            "out of every line of this plan, hooks, captions and hashtags included. "
            "Check any copy added later against the same list."
        )
    if f.profile.compliance:
        compliance.append(f"**Compliance:** {f.profile.compliance}")
    contrast = []
    if f.competitors:
        contrast = [
            "**Competitive contrast**",
            f"{text.upper_first(f.audience_short)} also consider "
            f"{text.join_and(f.competitors, 'or')}. Lead with what only {f.brand} can "
            f"show ({text.lower_first(diffs[0])}). Never name competitors in public "
            "posts: let the proof make the comparison.",
        ]
    if not ctx.alt:
        rows = [
            (
                text.upper_first(pain),
                _answer(ctx, i),
                text.upper_first(f.profile.proof[i % len(f.profile.proof)]),
            )
            for i, pain in enumerate(f.pains)
        ]
        return "\n\n".join(
            [
                "**Positioning**",
                positioning(ctx),
                "**Differentiators**",
                bullets(diffs),
                *core,
                *key,
                "**Message map**",
                "Each pain point the audience raises, what the content says back, "
                "and the proof that makes it believable.",
                table(("Pain point", "What we say", "Proof"), rows),
                *contrast,
                *_tone_lines(ctx, posts),
                *compliance,
            ]
        )
    rows = [
        (
            diff,
            text.upper_first(f.pain(i)),
            text.upper_first(f.profile.proof[(i + 1) % len(f.profile.proof)]),
        )
        for i, diff in enumerate(diffs)
    ]
    return "\n\n".join(
        [
            *core,
            f"Everything else in this plan is a way of proving that line to "
            f"{f.audience_short}.",
            *key,
            "**Positioning**",
            positioning(ctx),
            "**Differentiators**",
            numbered(diffs),
            "**Message map: proof first**",
            "Start from what only the brand can show, then name the worry it settles.",
            table(("Differentiator", "The worry it answers", "How to show it"), rows),
            *_tone_lines(ctx, posts),
            *contrast,
            *compliance,
        ]
    )


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
            f"{text.plural(len(posts), 'post')} from {long_date(ctx.start)} to "
            f"{long_date(ctx.end)}: {_platform_counts(posts)}. Every post belongs to a "
            "content bucket, opens with a hook written for its platform and ends with "
            "one call to action. Full captions follow the table."
        )
    else:
        mix = text.join_and(
            text.plural(n, name.lower()) for name, n in formats.most_common()
        )
        intro = (
            f"This calendar leads with a fresh set of hooks and angles. Across "
            f"{ctx.days} days it mixes {mix}, so no format carries the month alone. "
            f"The copy that follows the table is grouped week by week, ready to "
            "schedule."
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
    parts = [
        intro,
        "\n".join([CALENDAR_HEADER, CALENDAR_RULE, *rows]),
        "### Post copy",
    ]
    if not ctx.alt:
        parts.append("\n\n".join(_quoted_copy(post) for post in posts))
        return "\n\n".join(parts)
    for week, first, last in weeks_of(ctx):
        mine = [p for p in posts if first <= p.date <= last]
        if mine:
            parts.append(f"#### Week {week}")
            parts.append("\n\n".join(_quoted_copy(post) for post in mine))
    return "\n\n".join(parts)


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


# --- KPIs -----------------------------------------------------------------------


def kpi_plan(ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan) -> str:
    f = ctx.facts
    weekday = f"{ctx.start + dt.timedelta(days=7):%A}"
    if not ctx.alt:
        rows = [
            (
                kpi.name,
                kpi.family,
                f"{target_text(kpi)} {kpi.timeframe}",
                value_text(kpi.path.day_30, kpi.unit),
                measure(ctx, kpi),
            )
            for kpi in ctx.kpis
        ]
        rhythm = [
            f"**Weekly pulse** (every {weekday}): posts published, reach, engagement "
            "and the lead measure, with one action for the week ahead",
            f"**Day-30 checkpoint** ({long_date(ctx.start + dt.timedelta(days=29))}): "
            "results against the table above, the best and weakest content bucket, "
            "and the next month's plan",
            "**Per post**: saves, shares and link clicks, which show what to make "
            "more of",
        ]
        return "\n\n".join(
            [
                f"The strategy sets {text.plural(len(rows), 'KPI')} for the full "
                f"{f.weeks}-week campaign, across the funnel. This plan tracks them "
                "from day one; the day-30 column shows whether the campaign is on "
                "pace.",
                table(
                    (
                        "KPI",
                        "Family",
                        "Campaign target",
                        "Day-30 checkpoint",
                        "How it is measured",
                    ),
                    rows,
                ),
                "**Reporting rhythm**",
                bullets(rhythm),
            ]
        )
    by_family = [
        (
            kpi.family,
            kpi.name,
            value_text(kpi.path.day_30, kpi.unit),
            value_text(kpi.path.day_60, kpi.unit),
            target_text(kpi),
            measure(ctx, kpi),
        )
        for kpi in kpis_by_family(ctx)
    ]
    rhythm = [
        f"Every {weekday}: one number per funnel family, and the action it calls for",
        "Every second week: the content buckets ranked by the conversion measures",
        f"Day 30 and day 60: each KPI against its checkpoint, with {f.brand} "
        "signing off any change of course",
    ]
    return "\n\n".join(
        [
            "Read from the top of the funnel down: awareness feeds engagement, "
            "engagement feeds conversion, and retention keeps what the campaign "
            "wins. Each KPI has a day-30 and a day-60 checkpoint on the way to its "
            "campaign target.",
            table(
                (
                    "Family",
                    "KPI",
                    "Day 30",
                    "Day 60",
                    "Campaign target",
                    "How it is measured",
                ),
                by_family,
            ),
            "**Reporting rhythm**",
            numbered(rhythm),
        ]
    )


# --- roadmap --------------------------------------------------------------------


def weeks_of(ctx: DraftContext) -> list[tuple[int, dt.date, dt.date]]:
    """The calendar window's weeks: (number, first day, last day)."""
    count = math.ceil(ctx.days / 7)
    weeks = []
    for week in range(1, count + 1):
        first = ctx.start + dt.timedelta(days=7 * (week - 1))
        weeks.append((week, first, min(first + dt.timedelta(days=6), ctx.end)))
    return weeks


def _week_tasks(ctx: DraftContext, week: int, weeks: int) -> tuple[str, str]:
    f = ctx.facts
    first_bucket = ctx.pillars[0].name if ctx.pillars else f.brand
    community = next(
        (p.name for p in ctx.pillars if p.kind == "community"), first_bucket
    )
    if week == 1:
        return (
            "Set up UTM links and the reporting dashboard, schedule the first two "
            f"weeks and brief design on the '{first_bucket}' visuals",
            "Approve the calendar and share brand assets: logo files, photos and "
            f"footage of {f.profile.proof[0]}",
        )
    if week == weeks:
        return (
            "Write the day-30 report and the next 30-day calendar from what worked",
            "Review the report and sign off the next month's themes",
        )
    if week == 2:
        return (
            "Reply to comments and messages within one working day; produce the "
            "creative for weeks 3 and 4",
            f"Send two {f.advocate} stories, with consent, for '{community}'",
        )
    if week == weeks - 1 and week > 3:
        return (
            "Draft next month's themes from the best-performing buckets and gather "
            "the numbers for the checkpoint",
            "Share dates, launches or events coming up next month",
        )
    paid = (
        ", and put paid support behind the two best posts"
        if f.budget is not None
        else ""
    )
    return (
        "Compare engagement by content bucket and shift the remaining posts toward "
        f"the strongest{paid}",
        "Review the mid-month numbers and flag anything coming up that the content "
        "should mention",
    )


WEEK_FOCUS = ("Launch", "Listen", "Sharpen", "Scale", "Report")


def _week_tasks_alt(ctx: DraftContext, week: int, weeks: int) -> tuple[str, str, str]:
    """The regenerated roadmap's plan: a goal, then the agency's and client's tasks."""
    f = ctx.facts
    lead = ctx.kpis[0] if ctx.kpis else None
    lead_name = lower_name(lead.name) if lead else "the lead measure"
    if week == 1:
        return (
            f"Go live and record a baseline for every KPI, {lead_name} first",
            "Publish the first posts, confirm tracking fires on every link and "
            "log each KPI's starting value",
            f"Name one person to answer comments and messages, and brief them on "
            f"the {text.plural(len(ctx.kpis), 'KPI')}",
        )
    if week == weeks:
        return (
            "Close the month with a decision, not just a report",
            "Present results against the day-30 targets and propose what to keep, "
            "cut and test next",
            "Choose next month's priorities from the agency's three options",
        )
    if week == 2:
        return (
            f"Learn what {f.audience_short} respond to",
            "Tag every comment and message by theme and share the top three questions",
            "Answer the top questions on camera or in writing, for reuse in week 3",
        )
    if week == 3:
        return (
            "Put effort behind what is working",
            "Rewrite the weakest hooks, and move "
            + ("paid budget" if f.budget is not None else "posting effort")
            + " toward the strongest bucket",
            f"Confirm the {f.advocate} stories and offers planned for the last weeks",
        )
    return (
        f"Push {lead_name} toward its day-30 checkpoint",
        "Repeat the best format on every channel and prepare the day-30 numbers",
        "Flag launches, events or news worth a post next month",
    )


def execution_roadmap(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    weeks = weeks_of(ctx)
    owner = brand_owner(ctx)
    if not ctx.alt:
        parts = [
            f"The {ctx.days} days run as {len(weeks)} working weeks. Each week lists "
            "what goes live, the strategy milestones that fall in it, and who owns "
            f"what: the agency runs production and reporting, {f.brand} approves and "
            "supplies the real-world material only they have."
        ]
    else:
        parts = [
            f"Week by week, with one goal each: launch, listen, sharpen, scale and "
            f"report. Owners come first, so everyone at the agency and at {f.brand} "
            "can see their part before the publishing load."
        ]
    for week, first, last in weeks:
        mine = [p for p in posts if first <= p.date <= last]
        counts = Counter(p.platform for p in mine)
        buckets = text.join_and(
            f"'{name}'" for name in dict.fromkeys(p.pillar for p in mine)
        )
        publish = (
            f"**Publish:** {text.plural(len(mine), 'post')} ("
            + ", ".join(f"{n} on {name}" for name, n in counts.most_common())
            + ")"
            + (f", from {buckets}" if buckets else "")
            if mine
            else "**Publish:** no posts; use the week for production"
        )
        milestones = [
            f"**Milestone:** {m.title}. {m.deliverable}"
            for m in ctx.strategy.milestones
            if first <= m.date <= last
        ]
        span = (
            f"{first.day}–{long_date(last)}"
            if first.month == last.month
            else f"{first.day} {first:%B} – {long_date(last)}"
        )
        if first == last:
            span = long_date(first)
        if not ctx.alt:
            agency, client = _week_tasks(ctx, week, len(weeks))
            lines = [
                publish,
                *milestones,
                f"**{AGENCY_LEAD}:** {agency}",
                f"**{owner}:** {client}",
            ]
            parts += [f"### Week {week}: {span}", bullets(lines)]
            continue
        goal, agency, client = _week_tasks_alt(ctx, week, len(weeks))
        focus = WEEK_FOCUS[min(week, len(WEEK_FOCUS)) - 1]
        if week == len(weeks):
            focus = WEEK_FOCUS[-1]
        lines = [
            f"**Goal:** {goal}",
            f"**{AGENCY_LEAD}:** {agency}",
            f"**{owner}:** {client}",
            publish,
            *milestones,
        ]
        parts += [f"### Week {week} ({focus}): {span}", bullets(lines)]
    return "\n\n".join(parts)


# --- summary --------------------------------------------------------------------


def next_steps(ctx: DraftContext) -> list[tuple[str, str, dt.date, str]]:
    """The steps that start the campaign: (step, owner, due date, success criterion)."""
    f = ctx.facts
    owner = brand_owner(ctx)
    social = [c.name for c in ctx.channels if c.spec.kind == "social"]
    first_channel = (social or [c.name for c in ctx.channels] or ["the lead channel"])[
        0
    ]
    review = ctx.start + dt.timedelta(days=30)
    if not ctx.alt:
        return [
            (
                "Approve the plan and the first two weeks of posts",
                owner,
                ctx.start - dt.timedelta(days=3),
                "Written sign-off received",
            ),
            (
                f"Share brand assets and two {f.advocate} stories, with consent",
                owner,
                ctx.start - dt.timedelta(days=2),
                "Files in the shared folder, consent on record",
            ),
            (
                "Set up UTM links, conversion events and the dashboard",
                AGENCY_DATA,
                ctx.start - dt.timedelta(days=1),
                "A test conversion shows in the dashboard",
            ),
            (
                f"Publish the first post on {first_channel}",
                AGENCY_LEAD,
                ctx.start,
                "Post live with its hook, link and call to action",
            ),
            (
                "Answer every comment and message within one working day",
                owner,
                ctx.start + dt.timedelta(days=6),
                "No message older than one working day",
            ),
            (
                "Hold the day-30 review",
                AGENCY_LEAD,
                review,
                "Every KPI reported against its day-30 target",
            ),
        ]
    lead = ctx.kpis[0] if ctx.kpis else None
    return [
        (
            "Run a 45-minute kick-off to confirm the objective and KPI baselines",
            AGENCY_LEAD,
            ctx.start - dt.timedelta(days=5),
            "Baselines agreed for every KPI",
        ),
        (
            "Brief design on the first two content buckets",
            AGENCY_DESIGN,
            ctx.start - dt.timedelta(days=4),
            "First assets delivered for approval",
        ),
        (
            "Sign off the calendar and the restricted-word list",
            owner,
            ctx.start - dt.timedelta(days=2),
            "Calendar locked for weeks 1 and 2",
        ),
        (
            "Check tracking on every link before launch",
            AGENCY_DATA,
            ctx.start - dt.timedelta(days=1),
            "Every link reports a visit in a test",
        ),
        (
            "Mid-month check on the lead measure",
            AGENCY_LEAD,
            ctx.start + dt.timedelta(days=14),
            (
                f"{text.upper_first(lower_name(lead.name))} at or above half its "
                "day-30 target"
                if lead
                else "Half the day-30 targets reached"
            ),
        ),
        (
            "Approve next month's themes at the day-30 review",
            owner,
            review,
            "Themes signed off for the next calendar",
        ),
    ]


def final_summary(
    ctx: DraftContext, posts: tuple[PostData, ...], _: HashtagPlan
) -> str:
    f = ctx.facts
    lead = ctx.kpis[0] if ctx.kpis else None
    steps = table(
        ("Step", "Owner", "Due", "Success criterion"),
        [(step, who, long_date(due), done) for step, who, due, done in next_steps(ctx)],
    )
    if not ctx.alt:
        summary = (
            f"Over the next {ctx.days} days, {f.brand} publishes "
            f"{text.plural(len(posts), 'post')} on "
            f"{text.join_and(c.name for c in ctx.channels)}, built on "
            f"{text.plural(len(ctx.pillars), 'content bucket')}. Every post works "
            f"toward one objective: to {objective_line(ctx)}."
        )
        if lead is not None:
            summary += (
                f" By {long_date(ctx.start + dt.timedelta(days=29))}, "
                f"{lower_name(lead.name)} should stand at "
                f"{value_text(lead.path.day_30, lead.unit)}."
            )
        return "\n\n".join([summary, "**Next steps**", steps])
    summary = (
        f"In short: {text.plural(len(ctx.pillars), 'content bucket')}, "
        f"{text.plural(len(posts), 'post')} and "
        f"{text.plural(len(ctx.kpis), 'KPI')}, all pointed at one objective, to "
        f"{objective_line(ctx)}."
    )
    if lead is not None:
        summary += (
            f" The number to watch is {lower_name(lead.name)}: "
            f"{value_text(lead.path.day_30, lead.unit)} by day 30, then "
            f"{target_text(lead)} {lead.timeframe}."
        )
    return "\n\n".join(
        ["**Next steps**", "Six steps, before and after launch.", steps, summary]
    )
