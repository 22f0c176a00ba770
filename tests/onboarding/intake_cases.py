"""What the intake tests feed in: channel spellings and list fields of other types."""

import pytest

KNOWN = (
    "Blog, Email, Events, Facebook, Google Ads, Instagram, LinkedIn, Nextdoor, "
    "Pinterest, Podcast, Print, SMS, Threads, TikTok, WhatsApp, X, YouTube"
)
# The synonyms each channel must accept, as integrations and people send them.
SYNONYMS = {
    "Instagram": ("ig", "insta", "instagram reels"),
    "LinkedIn": ("li", "linkedin ads", "linked in"),
    "Facebook": ("fb", "meta", "facebook ads"),
    "TikTok": ("tik tok", "tiktok ads"),
    "X": ("twitter", "x.com", "tweet", "x/twitter", "x (twitter)", "twitter/x"),
    "YouTube": ("yt", "youtube shorts"),
    "Pinterest": (),
    "Threads": (),
    "Email": ("e-mail", "newsletter", "mailchimp", "email marketing", "edm"),
    "Google Ads": (
        "ppc",
        "adwords",
        "sem",
        "search ads",
        "paid search",
        "google search",
    ),
    "Blog": ("seo", "content marketing"),
    "WhatsApp": ("whats app", "wa"),
    "SMS": ("text message", "text messages", "texting", "sms marketing"),
    "Nextdoor": ("next door", "next-door", "nextdoor ads"),
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
SPELLINGS = [
    (canonical, name)
    for canonical, synonyms in SYNONYMS.items()
    for name in (canonical, *synonyms)
]

REQUIRED_LISTS = ("pain_points", "desired_outcomes")
OPTIONAL_LISTS = ("channels", "banned_words", "competitors", "differentiators")
LIST_FIELDS = (*REQUIRED_LISTS, *OPTIONAL_LISTS)
# A value of each JSON type that is not a list, and how the error names it.
WRONG_TYPES = [
    pytest.param("Slow bookings; No-shows", "a string", id="string"),
    pytest.param("", "a string", id="empty-string"),
    pytest.param(3, "a number", id="number"),
    pytest.param(2.5, "a number", id="float"),
    pytest.param({"first": "Slow bookings"}, "an object", id="object"),
    pytest.param({}, "an object", id="empty-object"),
    pytest.param(True, "true or false", id="boolean"),
]
