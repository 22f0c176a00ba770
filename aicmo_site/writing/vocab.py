"""Domain vocabulary: the nouns for what a business is, and channel families.

What an agency knows before it reads the brief: which words already name a kind of
business ("clinic", "studio"), and which family each channel is planned and written
as. Both the strategist and the copywriter read it. What each industry family does is
its playbook (``aicmo_site.writing.playbooks``); the objectives and the channels a
brief can name are the brief's own vocabulary (``aicmo_site.kernel.briefs``).
"""

from aicmo_site.kernel import briefs


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that already name a kind of business: "Dental clinic" needs no noun added.
ENTITY_NOUNS = _words(
    "academy agency bakery bar bistro boutique brand brewery business cafe café "
    "centre charity clinic collective company consultancy co-op firm foundation "
    "garage gym hotel kitchen lab manufacturer network nonprofit non-profit "
    "operator organisation organization platform practice provider restaurant salon "
    "school service shop spa store studio surgery venue"
)


# The family each channel is planned and written as: its platform (Nextdoor included),
# or search, seo, messaging, events, print and podcast for the channels that carry no
# posts. Brief channels are listed by canonical name (their synonyms follow, see
# aicmo_site.kernel.briefs.CHANNELS); the lower-case names are channels a brief cannot
# name yet that the generators still place.
CHANNEL_FAMILIES: dict[str, tuple[str, ...]] = {
    "instagram": ("Instagram",),
    "facebook": ("Facebook",),
    "linkedin": ("LinkedIn",),
    "tiktok": ("TikTok",),
    "x": ("X",),
    "youtube": ("YouTube",),
    "pinterest": ("Pinterest",),
    "threads": ("Threads",),
    "email": ("Email", "crm"),
    "search": ("Google Ads", "google", "search", "bing ads", "microsoft ads"),
    "seo": ("Blog", "website", "organic search"),
    "messaging": ("WhatsApp", "SMS", "messaging"),
    "nextdoor": ("Nextdoor",),
    "events": ("Events", "webinars", "webinar", "in-store"),
    "print": ("Print",),
    "podcast": ("Podcast",),
}


def _family_token(name: str) -> str:
    return briefs.channel_token(briefs.channel_name(name) or name)


_FAMILY_BY_TOKEN = {
    _family_token(name): family
    for family, names in CHANNEL_FAMILIES.items()
    for name in names
}


def channel_family(name: str) -> str | None:
    """Return the family of channel ``name``, in any spelling; None for an unknown one.

    ``"IG"`` is ``"instagram"``, ``"SEO"`` (a synonym of Blog) is ``"seo"``.
    """
    return _FAMILY_BY_TOKEN.get(_family_token(name))
