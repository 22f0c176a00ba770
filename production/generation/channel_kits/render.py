"""The kits as Markdown: one ``###`` heading per channel, tables for the detail."""

from collections.abc import Iterable

from aicmo_site.writing import text
from production.generation.channel_kits.build import (
    ChannelKit,
    build_kits,
)
from production.generation.channel_kits.events import (
    EventKit,
)
from production.generation.channel_kits.messages import (
    UNICODE_NOTE,
    Message,
    MessageKit,
    needs_unicode,
    slug,
    sms_length,
    ucs2_length,
)
from production.generation.channel_kits.plan import (
    KINDS,
    NUMBER_NAMES,
    PODCAST_WORDS,
    SMS_MAX,
    FundedChannel,
)
from production.generation.channel_kits.podcast import (
    PodcastKit,
)
from production.generation.channel_kits.printed import (
    PrintKit,
)
from production.generation.channel_kits.search import (
    SearchKit,
)
from production.generation.context import DraftContext
from production.generation.markup import bullets, long_date, money, table


def _share(channel: FundedChannel, currency: str) -> str:
    """``36% of the budget (GBP 4,320)``, or of the effort without a budget."""
    if channel.amount is None:
        return f"{channel.share}% of the team's effort"
    return f"{channel.share}% of the budget ({money(channel.amount, currency)})"


def _count(number: int, noun: str) -> str:
    word = NUMBER_NAMES[number] if 0 < number < len(NUMBER_NAMES) else str(number)
    return f"{text.upper_first(word)} {noun if number == 1 else noun + 's'}"


def _search_md(kit: SearchKit, ctx: DraftContext) -> str:
    f = ctx.facts
    days = (kit.ends - kit.starts).days + 1
    daily = (
        f": about {money(kit.channel.amount / days, f.currency)} a day"
        if kit.channel.amount is not None and days > 0
        else ""
    )
    lead = (
        f"{_count(len(kit.groups), 'ad group')} on {_share(kit.channel, f.currency)}, "
        f"live from {long_date(kit.starts)} ({kit.starts_why}) to "
        f"{long_date(kit.ends)}{daily}. "
        "Each group runs one responsive search ad. Keywords keep the client's "
        f"spelling of names; {kit.channel.name} matches them in any case."
    )
    setup = bullets(
        [
            f"**Final URL:** {kit.final_url}",
            f"**Location:** {kit.location}",
            f"**Bidding:** {kit.bidding}",
        ]
    )
    parts = [f"### {kit.channel.name}: search campaign", lead, setup]

    pinned = [(g.name, g.headlines[0], str(len(g.headlines[0]))) for g in kit.groups]
    shared = list(dict.fromkeys(h for g in kit.groups for h in g.headlines[1:]))
    assets = [(f"Shared headline {i}", h, str(len(h))) for i, h in enumerate(shared, 1)]
    assets += [
        (f"Description {i}", d, str(len(d)))
        for i, d in enumerate(kit.groups[0].descriptions, 1)
    ]
    ads = [
        "#### Responsive search ads",
        "Each ad group's ad pins its own headline to position 1 and takes the "
        "shared headlines after it (its own one aside), up to 15 headlines of 30 "
        f"characters, with the {len(kit.groups[0].descriptions)} descriptions of at "
        "most 90.",
        table(("Ad group", "Pinned headline", "Characters"), pinned),
        table(("Shared asset", "Text", "Characters"), assets),
    ]
    negatives = [
        (k.text, f"Negative {k.match.lower()}", why) for k, why in kit.negatives
    ]
    if not ctx.alt:
        for number, group in enumerate(kit.groups, start=1):
            parts += [
                f"#### Ad group {number}: {group.name}",
                table(
                    ("Keyword", "Match type"),
                    [(k.text, k.match) for k in group.keywords],
                ),
            ]
        parts += [
            *ads,
            "#### Negative keywords, for every ad group",
            table(("Keyword", "Match type", "Why"), negatives),
        ]
        return "\n\n".join(parts)
    parts += [
        *ads,
        "#### Keywords by ad group",
        table(
            ("Ad group", "Keyword", "Match type"),
            [(g.name, k.text, k.match) for g in kit.groups for k in g.keywords]
            + [("Every ad group", k, m) for k, m, _ in negatives],
        ),
    ]
    return "\n\n".join(parts)


def _sms_limit(kit: MessageKit) -> str:
    """How long a text may be: 160 GSM-7 characters, or 70 when it needs Unicode."""
    gsm = f" Each text is at most {SMS_MAX} GSM-7 characters, sender name and opt-out "
    if not kit.unicode:
        return f"{gsm}included."
    if all(needs_unicode(m.body) for m in kit.messages):
        return (
            f" {UNICODE_NOTE}, sender name and opt-out included: the texts hold a "
            "character outside the GSM-7 alphabet."
        )
    return (
        f"{gsm}included; one that holds a character outside GSM-7 is a "
        f"{UNICODE_NOTE[0].lower()}{UNICODE_NOTE[1:]}."
    )


def _messages_md(kit: MessageKit, ctx: DraftContext) -> str:
    f = ctx.facts
    sms = kit.channel.kind == "sms"
    noun = "text" if sms else "message"
    title = "opt-in text sequence" if sms else "opt-in message sequence"
    limit = (
        _sms_limit(kit)
        if sms
        else " Each message is a template for Meta to approve before the first send, "
        "in the Marketing category."
    )
    parts = [
        f"### {kit.channel.name}: {title}",
        f"{_count(len(kit.messages), noun)} on {_share(kit.channel, f.currency)}, "
        f"dated inside the campaign. {kit.opt_in}{limit}",
    ]

    def name(message: Message) -> str:
        return f"{slug(f.brand)}_{message.key}"

    def size(message: Message) -> str:
        return str(sms_length(message.body) or ucs2_length(message.body))

    if not ctx.alt:
        for message in kit.messages:
            label = f"**{message.when}**: {message.purpose}"
            label += (
                f" ({size(message)} characters)"
                if sms
                else f" (template {name(message)})"
            )
            quoted = "\n".join(f"> {line}" for line in message.body.split("\n"))
            parts += [label, quoted]
    else:
        header = (
            ("Send", "Purpose", "Text", "Characters")
            if sms
            else ("Send", "Template", "Purpose", "Message")
        )
        rows = [
            (m.when, m.purpose, m.body, size(m))
            if sms
            else (m.when, name(m), m.purpose, m.body)
            for m in kit.messages
        ]
        parts.append(table(header, rows))
    if kit.supply:
        parts.append(f"**To supply:** {kit.supply}")
    parts.append(f"**Consent:** {kit.consent}")
    return "\n\n".join(parts)


_EVENT_HEADINGS = {
    "trade_fair": "trade fair plan",
    "open_evening": "open evening plan",
    "open_day": "recruitment open day plan",
    "members": "members' event plan",
    "information": "information stand plan",
    "pop_up": "pop-up event plan",
}


def _events_md(kit: EventKit, ctx: DraftContext) -> str:
    f = ctx.facts
    first = kit.events[0]
    shared = [
        ("What to bring", "; ".join(first.bring)),
        ("Stand demo", first.demo),
        ("Meeting booking", first.meetings),
        ("Lead capture", first.capture),
        ("Follow-up", first.follow_up),
        ("Safeguarding", first.safeguarding),
    ]
    rules = bullets([f"**{label}:** {value}" for label, value in shared if value])
    supplied = any(e.supply for e in kit.events)
    header = (
        ("Event", "When", "Where", "To supply")
        if supplied
        else ("Event", "When", "Where")
    )
    rows = [
        (f"{n}. {e.title}", e.when, e.where, e.supply or "Nothing")[: len(header)]
        for n, e in enumerate(kit.events, start=1)
    ]
    lead = (
        f"{_count(len(kit.events), 'event')} on {_share(kit.channel, f.currency)}, "
        f"each run the same way for {f.audience_short}."
    )
    title = f"### {kit.channel.name}: {_EVENT_HEADINGS[kit.kind]}"
    if not ctx.alt:
        return "\n\n".join([title, lead, rules, table(header, rows)])
    return "\n\n".join([title, table(header, rows), "**At every event**", rules])


def _print_md(kit: PrintKit, ctx: DraftContext) -> str:
    f = ctx.facts
    formats = text.join_and([p.format for p in kit.pieces])
    parts = [
        f"### {kit.channel.name}: {formats} copy",
        f"{_count(len(kit.pieces), 'piece')} on {_share(kit.channel, f.currency)}. "
        f"**Call to action on every piece:** {kit.pieces[0].cta}",
    ]
    if not ctx.alt:
        for piece in kit.pieces:
            parts += [
                f"#### {piece.format}",
                bullets(
                    [
                        f"**Headline:** {piece.headline}",
                        f"**Body:** {piece.body}",
                        f"**Where to place:** {piece.placement}",
                    ]
                ),
            ]
    else:
        parts.append(
            table(
                ("Piece", "Headline", "Body", "Where to place"),
                [(p.format, p.headline, p.body, p.placement) for p in kit.pieces],
            )
        )
    parts.append(f"**Accessibility:** {kit.accessibility}")
    return "\n\n".join(parts)


def _podcast_md(kit: PodcastKit, ctx: DraftContext) -> str:
    f = ctx.facts
    parts = [
        f"### {kit.channel.name}: host reads of up to 30 seconds",
        f"{_count(len(kit.reads), 'script')} on {_share(kit.channel, f.currency)}, "
        f"each at most {PODCAST_WORDS[1]} words: about 30 seconds read aloud, at "
        "150 words a minute.",
    ]
    for number, read in enumerate(kit.reads, start=1):
        parts += [
            f"#### Read {number}: {read.angle} ({read.words} words, about "
            f"{read.seconds} seconds)",
            f"> {read.script}",
        ]
    parts += ["**Targeting**", bullets(list(kit.targeting))]
    if ctx.alt:
        parts = [parts[0], parts[1], parts[-2], parts[-1], *parts[2:-2]]
    return "\n\n".join(parts)


def kit_markdown(kit: ChannelKit, ctx: DraftContext) -> str:
    """Render one kit as Markdown: a ``###`` heading, then its content."""
    if isinstance(kit, SearchKit):
        return _search_md(kit, ctx)
    if isinstance(kit, MessageKit):
        return _messages_md(kit, ctx)
    if isinstance(kit, EventKit):
        return _events_md(kit, ctx)
    if isinstance(kit, PrintKit):
        return _print_md(kit, ctx)
    return _podcast_md(kit, ctx)


def funded_channels_block(ctx: DraftContext) -> str:
    """Return the Markdown block for every funded channel without posts; "" if none.

    The quick social pack shows it after the calendar: an introduction naming the
    channels and their shares, then one kit per channel, each under a ``###``
    heading, largest share first.
    """
    kits = build_kits(ctx)
    if not kits:
        return ""
    named = text.join_and([f"{k.channel.name} ({k.channel.share}%)" for k in kits])
    intro = (
        f"The plan funds {named} beyond the posts above. Each gets its own "
        "ready-to-use content, sized by its share."
    )
    return "\n\n".join([intro, *(kit_markdown(kit, ctx) for kit in kits)])


def kits_markdown(ctx: DraftContext, kinds: Iterable[str] = KINDS) -> str:
    """Render the kits of ``kinds`` for the brief's funded channels; "" if none.

    This is the block a pack shows for funded channels that carry no posts; the
    quick social pack shows every kind, the campaign pack spreads them over its
    conversion sections.
    """
    wanted = set(kinds)
    return "\n\n".join(
        kit_markdown(kit, ctx) for kit in build_kits(ctx) if kit.channel.kind in wanted
    )
