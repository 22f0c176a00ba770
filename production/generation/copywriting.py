"""What the draft generator knows about platforms, hashtags, tone and calls to action.

Copywriting judgement as data: how often, on which days and in which formats each
platform posts (and how an industry's playbook changes that), how a tone of voice
sounds, and how each objective asks for action. Industry families are playbooks
(``aicmo_site.writing.playbooks``); channel families are shared vocabulary
(``aicmo_site.writing.vocab``).
"""

import re
from dataclasses import dataclass, replace

from aicmo_site.writing import vocab
from aicmo_site.writing.playbooks import Playbook


def _k(words: str) -> tuple[str, ...]:
    """Split ``a|b|c``."""
    return tuple(words.split("|"))


@dataclass(frozen=True, slots=True)
class PlatformSpec:
    """How a platform posts: cadence, formats, hashtag use and where links go.

    ``key`` is the channel family (``aicmo_site.writing.vocab.CHANNEL_FAMILIES``).
    """

    key: str
    kind: str
    weekly: float
    formats: tuple[str, ...]
    hashtags: tuple[int, int]
    link: str
    weekdays: tuple[int, ...]


PLATFORMS: tuple[PlatformSpec, ...] = (
    PlatformSpec(
        key="instagram",
        kind="social",
        weekly=3,
        formats=("Reel", "Carousel", "Single image", "Story sequence"),
        hashtags=(5, 8),
        link="via the link in bio",
        weekdays=(0, 2, 4, 5),
    ),
    PlatformSpec(
        key="facebook",
        kind="social",
        weekly=2,
        formats=("Short video", "Photo post", "Link post", "Photo album"),
        hashtags=(1, 3),
        link="at {site}",
        weekdays=(2, 4, 6),
    ),
    PlatformSpec(
        key="linkedin",
        kind="social",
        weekly=2,
        formats=("Text post", "Document carousel", "Short video", "Poll"),
        hashtags=(3, 4),
        link="at {site}",
        weekdays=(1, 2, 3),
    ),
    PlatformSpec(
        key="tiktok",
        kind="social",
        weekly=3,
        formats=("Short video", "Talking-head video", "Behind-the-scenes video"),
        hashtags=(3, 5),
        link="via the link in bio",
        weekdays=(0, 1, 2, 3, 4, 5, 6),
    ),
    PlatformSpec(
        key="x",
        kind="social",
        weekly=3,
        formats=("Thread", "Text post", "Image post", "Poll"),
        hashtags=(1, 2),
        link="at {site}",
        weekdays=(0, 1, 2, 3, 4),
    ),
    PlatformSpec(
        key="youtube",
        kind="social",
        weekly=1,
        formats=("YouTube Short", "Explainer video"),
        hashtags=(2, 3),
        link="via the link in the description",
        weekdays=(3, 5),
    ),
    PlatformSpec(
        key="pinterest",
        kind="social",
        weekly=2,
        formats=("Idea pin", "Standard pin", "Infographic pin"),
        hashtags=(2, 4),
        link="at {site}",
        weekdays=(4, 5, 6),
    ),
    PlatformSpec(
        key="threads",
        kind="social",
        weekly=2,
        formats=("Text post", "Photo post"),
        hashtags=(0, 1),
        link="via the link in bio",
        weekdays=(0, 2, 4),
    ),
    PlatformSpec(
        key="email",
        kind="email",
        weekly=1,
        formats=("Newsletter", "Nurture email"),
        hashtags=(0, 0),
        link="at {site}",
        weekdays=(1, 3),
    ),
    # Neighbourhood posts for local services: read on weekdays, no hashtags.
    PlatformSpec(
        key="nextdoor",
        kind="social",
        weekly=1,
        formats=("Neighbourhood post", "Photo post", "Event post"),
        hashtags=(0, 0),
        link="at {site}",
        weekdays=(1, 3),
    ),
)

# Channel families that carry no posts of their own.
NON_POSTING = frozenset(("search", "seo", "messaging", "events", "print", "podcast"))

GENERIC_SOCIAL = PlatformSpec(
    key="other",
    kind="social",
    weekly=2,
    formats=("Photo post", "Short video"),
    hashtags=(2, 3),
    link="at {site}",
    weekdays=(1, 3, 5),
)


_PLATFORM_BY_FAMILY = {spec.key: spec for spec in PLATFORMS}


def platform_spec(name: str, playbook: Playbook | None = None) -> PlatformSpec | None:
    """Return how ``name`` posts; None for a channel that carries no posts.

    A playbook's formats, posting days and weekly cadence for the channel's family
    replace the platform's own (a B2B industrial LinkedIn posts Monday to Thursday).
    """
    family = vocab.channel_family(name)
    if family in NON_POSTING:
        return None
    spec = _PLATFORM_BY_FAMILY.get(family or "", GENERIC_SOCIAL)
    if playbook is None:
        return spec
    key = spec.key
    return replace(
        spec,
        formats=playbook.formats.get(key, spec.formats),
        weekdays=playbook.posting_days.get(key, spec.weekdays),
        weekly=playbook.weekly.get(key, spec.weekly),
    )


@dataclass(frozen=True, slots=True)
class ToneGuide:
    """How a tone of voice sounds on the page."""

    key: str
    keywords: tuple[str, ...]
    lively: bool
    summary: str
    do: tuple[str, ...]
    avoid: tuple[str, ...]


TONES: tuple[ToneGuide, ...] = (
    ToneGuide(
        key="playful",
        keywords=_k("playful|fun|witty|cheeky|quirky|humorous|humour|humor|irreverent"),
        lively=True,
        summary="Light on its feet: a smile in most posts, never at the customer's "
        "expense.",
        do=(
            "Open with a twist, a surprising fact or a bit of wordplay",
            "Keep sentences short and conversational",
            "Let the team's personality show in captions and replies",
        ),
        avoid=(
            "Jokes about the problems customers bring to you",
            "In-jokes that new followers will not get",
            "More than one exclamation mark per post",
        ),
    ),
    ToneGuide(
        key="warm",
        keywords=_k("warm|friendly|approachable|conversational|down-to-earth|casual"),
        lively=True,
        summary="Like a trusted local recommendation: personal, plain-spoken and kind.",
        do=(
            "Write as 'we' and speak to 'you'",
            "Use names, places and small real details",
            "Thank people and answer every comment",
        ),
        avoid=(
            "Corporate phrases and jargon",
            "Pressure tactics and countdown urgency",
            "Talking about the brand more than about the customer",
        ),
    ),
    ToneGuide(
        key="bold",
        keywords=_k("bold|energetic|confident|punchy|disruptive|edgy|upbeat"),
        lively=True,
        summary="Direct and energetic: strong claims backed by proof.",
        do=(
            "Lead with a clear point of view",
            "Use strong verbs and short lines",
            "Back every claim with a specific proof point",
        ),
        avoid=(
            "Hedging words that weaken the point",
            "Claims that cannot be shown",
            "Attacking competitors by name",
        ),
    ),
    ToneGuide(
        key="inspiring",
        keywords=_k(
            "inspiring|inspirational|empowering|motivational|uplifting|hopeful"
        ),
        lively=True,
        summary="Optimistic and forward-looking: show what becomes possible.",
        do=(
            "Paint the 'after' picture in concrete terms",
            "Celebrate customers' progress, with their permission",
            "End posts with an invitation, not an order",
        ),
        avoid=(
            "Empty slogans with no detail",
            "Guilt or fear as a motivator",
            "Over-promising outcomes",
        ),
    ),
    ToneGuide(
        key="reassuring",
        keywords=_k("reassuring|calm|caring|empathetic|gentle|supportive|trustworthy"),
        lively=False,
        summary="Calm and caring: name the worry, then take it away with facts.",
        do=(
            "Acknowledge how people feel before explaining",
            "Explain what happens step by step",
            "Use plain words for technical terms",
        ),
        avoid=(
            "Scare tactics and alarming statistics",
            "Jargon without an explanation",
            "Casual jokes about sensitive topics",
        ),
    ),
    ToneGuide(
        key="premium",
        keywords=_k("premium|luxury|luxurious|elegant|sophisticated|refined|exclusive"),
        lively=False,
        summary="Understated and precise: let craft and detail do the talking.",
        do=(
            "Describe materials, process and craft precisely",
            "Use fewer, better words and generous white space",
            "Show rather than tell",
        ),
        avoid=(
            "Discount language and hard selling",
            "Slang and exclamation marks",
            "Crowded visuals and long hashtag blocks",
        ),
    ),
    ToneGuide(
        key="professional",
        keywords=_k(
            "professional|authoritative|expert|formal|data|data-driven|analytical|"
            "credible|clear|informative|educational"
        ),
        lively=False,
        summary="Clear and credible: useful information first, brand second.",
        do=(
            "Lead with the insight or the number",
            "Keep one idea per post",
            "Cite sources and show the working",
        ),
        avoid=(
            "Hype words and vague superlatives",
            "Buzzwords the audience would not use",
            "Long preambles before the point",
        ),
    ),
)


def tone_guide(tone: str) -> ToneGuide:
    """Return the closest tone guide for the brief's tone (professional by default)."""
    lower = tone.lower()
    best: tuple[int, ToneGuide] | None = None
    for guide in TONES:
        hits = [
            k for k in guide.keywords if re.search(rf"(?<![a-z]){re.escape(k)}", lower)
        ]
        if hits and (best is None or lower.find(hits[0]) < best[0]):
            best = (lower.find(hits[0]), guide)
    return best[1] if best else TONES[-1]


# Calls to action per objective: {link} is the platform's link phrase.
CTAS: dict[str, dict[str, tuple[str, ...]]] = {
    "Awareness": {
        "social": (
            "Follow {brand} for the next one",
            "Save this post for later",
            "Share this with someone who needs it",
            "Visit {site} to see more",
        ),
        "email": ("Forward this to a friend", "See more {link}"),
    },
    "Leads": {
        "social": (
            "Enquire about {offer} {link}",
            "Send us a message to ask about {offer}",
            "Book a call {link}",
        ),
        "email": ("Book a call {link}", "Reply to this email with your questions"),
    },
    "Sales": {
        "social": (
            "Order {offer} {link}",
            "Shop now {link}",
            "Start {offer} today {link}",
        ),
        "email": ("Order now {link}", "Start {offer} today {link}"),
    },
    "Hiring": {
        "social": (
            "Apply {link}",
            "Tag someone who would be great at this",
            "See the open roles {link}",
        ),
        "email": ("Apply {link}", "Forward this to someone who should apply"),
    },
    "Partnerships": {
        "social": (
            "Message us to talk partnerships",
            "Explore partnering with {brand} {link}",
        ),
        "email": ("Reply to set up a partner call", "Book a partner call {link}"),
    },
    "Retention": {
        "social": (
            "Reorder {link}",
            "Refer a friend {link}",
            "Tell us your favourite in the comments",
        ),
        "email": ("Log in {link} to see what's new", "Refer a friend {link}"),
    },
}


def channel_key(name: str) -> str:
    """Return a stable key for any channel: its family, or "other" if it has none."""
    return vocab.channel_family(name) or GENERIC_SOCIAL.key


# When and how people use each channel, for persona cards.
CHANNEL_MOMENTS: dict[str, str] = {
    "instagram": "in the evening, saving posts to come back to",
    "facebook": "in local groups and on video during breaks",
    "linkedin": "on weekday mornings",
    "tiktok": "scrolling short videos after work",
    "x": "for quick updates and replies",
    "youtube": "when researching how something works",
    "pinterest": "while planning ahead",
    "threads": "in conversations that start on Instagram",
    "email": "when a subject line earns the open",
    "nextdoor": "to see what neighbours recommend",
    "search": "when they search for a fix",
    "seo": "when they search for answers",
    "messaging": "for reminders and quick questions",
    "events": "face to face, when they can ask questions",
    "print": "on a noticeboard, a leaflet or a letter at home",
    "podcast": "while commuting or working, in a voice they trust",
}

# What each kind of channel is judged on, before its share of the campaign result.
CHANNEL_MEASURES: dict[str, tuple[str, str]] = {
    "social": ("Reach", "engagement rate"),
    "youtube": ("Views", "average watch time"),
    "email": ("Open rate", "click rate"),
    "search": ("Click-through rate", "cost per click"),
    "seo": ("Organic sessions", "ranking keywords"),
    "messaging": ("Opt-ins", "reply rate"),
    "events": ("Attendees", "follow-up meetings"),
    "print": ("Copies distributed", "code or QR-code responses"),
    "podcast": ("Downloads", "listener code redemptions"),
}


def channel_kpis(name: str, result: str) -> str:
    """Return the KPIs a channel is judged on, ending with its share of ``result``."""
    key = channel_key(name)
    spec = platform_spec(name)
    kind = (
        key
        if key in CHANNEL_MEASURES
        else ("email" if spec is not None and spec.kind == "email" else "social")
    )
    first, second = CHANNEL_MEASURES[kind]
    return f"{first}; {second}; its share of {result}"
