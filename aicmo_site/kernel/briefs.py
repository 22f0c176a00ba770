"""The normalized brief as every app reads it: the project's published language.

Onboarding produces it; strategy, production, qc and delivery consume it. It lives
in the kernel so that business apps share one definition without importing each other
(see docs/decisions/0002-brief-context-in-kernel.md). Its vocabulary lives here too:
the objectives and the channels a brief can name, with their synonyms.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

OBJECTIVES = ("Awareness", "Leads", "Sales", "Hiring", "Partnerships", "Retention")

# Each channel a brief can name, by its canonical name, with the synonyms people and
# tools use for it. Case, spaces, hyphens and underscores never count (see
# channel_token), so "Linked In", "tik-tok" and "e_mail" need no entry of their own.
CHANNELS: dict[str, tuple[str, ...]] = {
    "Instagram": ("ig", "insta", "instagram reels", "instagram ads"),
    "LinkedIn": ("li", "linkedin ads"),
    "Facebook": ("fb", "meta", "facebook ads", "meta ads"),
    "TikTok": ("tiktok ads",),
    "X": ("twitter", "x.com", "tweet", "x/twitter", "x (twitter)", "twitter/x"),
    "YouTube": ("yt", "youtube shorts", "youtube ads"),
    "Pinterest": (),
    "Threads": (),
    "Email": ("newsletter", "mailchimp", "email marketing", "edm"),
    "Google Ads": (
        "ppc",
        "adwords",
        "sem",
        "search ads",
        "paid search",
        "google search",
    ),
    "Blog": ("seo", "content marketing"),
    "WhatsApp": ("wa",),
    "SMS": ("text message", "text messages", "texting", "sms marketing"),
    # "next door" needs no entry: it is "Nextdoor" once spaces are dropped.
    "Nextdoor": ("nextdoor ads",),
    "Events": (
        "event",
        "in-person events",
        "community events",
        "trade fair",
        "trade fairs",
        "trade show",
        "trade shows",
        "exhibition",
        "exhibitions",
        "pop-up",
        "pop-ups",
    ),
    "Print": (
        "flyer",
        "flyers",
        "leaflet",
        "leaflets",
        "poster",
        "posters",
        "direct mail",
        "print ads",
    ),
    "Podcast": ("podcasts", "podcast ads"),
}

# The playbook families a brief can name as ``industry_family`` (SPEC §5); without
# one, the writers classify the brief themselves (aicmo_site.writing.playbooks).
INDUSTRY_FAMILIES = (
    "consumer_subscription",
    "local_service",
    "education",
    "b2b_industrial",
    "public_sector_health",
    "saas",
    "other",
)


def channel_token(name: str) -> str:
    """Return ``name`` as matched: lower case, no spaces, hyphens or underscores."""
    return re.sub(r"[\s_-]+", "", name).casefold()


_CHANNEL_BY_TOKEN = {
    channel_token(word): canonical
    for canonical, synonyms in CHANNELS.items()
    for word in (canonical, *synonyms)
}


def channel_name(name: str) -> str | None:
    """Return the canonical channel that ``name`` stands for; None if it names none.

    ``" LINKEDIN "``, ``"linked-in"``, ``"Linked In"`` and ``"li"`` all give
    ``"LinkedIn"``.
    """
    return _CHANNEL_BY_TOKEN.get(channel_token(name))


@dataclass(frozen=True, slots=True)
class Faq:
    """A question the client's customers ask, with the client's own answer."""

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Location:
    """A place the client serves from: ``address`` and ``hours`` may be empty."""

    name: str
    address: str = ""
    hours: str = ""


@dataclass(frozen=True, slots=True)
class KeyDate:
    """A date that matters to the campaign (a launch, a clinic day, a trade fair)."""

    date: dt.date
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefContext:
    """A validated, normalized client brief.

    Every text field is trimmed and non-empty unless typed optional; tuples keep the
    client's order. ``channels`` hold canonical names ("Instagram", "Email"…).
    ``start_date`` is always set (defaulted by onboarding) so that generated calendars
    are deterministic for a given brief.
    """

    brief_id: str
    client_id: str
    brand: str
    website: str
    industry: str
    geography: str
    primary_offer: str
    objective: str
    target_audience: str
    pain_points: tuple[str, ...]
    desired_outcomes: tuple[str, ...]
    pack: str
    channels: tuple[str, ...]
    tone: str
    banned_words: tuple[str, ...]
    competitors: tuple[str, ...]
    differentiators: tuple[str, ...]
    budget_amount: Decimal | None
    budget_currency: str | None
    duration_weeks: int
    start_date: dt.date
    warnings: tuple[str, ...] = ()
    # The substance behind posts (SPEC §5, optional): empty when the brief gives none.
    # ``industry_family`` is one of INDUSTRY_FAMILIES, or "" to let writers classify.
    industry_family: str = ""
    faqs: tuple[Faq, ...] = ()
    proof_points: tuple[str, ...] = ()
    locations: tuple[Location, ...] = ()
    key_dates: tuple[KeyDate, ...] = ()
