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
}


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
