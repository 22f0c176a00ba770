"""Industry playbooks: what an agency does for each family of client, chosen on purpose.

A playbook is picked once per brief, by an explicit classification of the brief's
industry, offer, audience and objective that the brief can override with
``industry_family`` (SPEC §5). It carries the family's post types, formats, cadence,
posting days, compliance notes and vetted hashtags; strategy and production both read
it, so one decision shapes the plan and the copy.

How a brief is classified (``classify``):

1. A non-empty ``industry_family`` that names a family wins.
2. Otherwise the brief's own fields are read in order of how surely they say what the
   client is: the industry, then the offer, then the audience. The first field that
   matches a family's signal words decides (``SIGNALS``: software, SaaS or app for
   SaaS; council, NHS or vaccination for public sector and health; tutoring, GCSE or
   academy for education; a subscription or monthly delivery for consumer
   subscription; manufacturer, valves or distributors for B2B industrial; clinic,
   restaurant or gym for local service). Within one field the families are tried in
   the order of ``SIGNALS``, most specific first: "software for councils" and a
   "software subscription" are SaaS, an "NHS clinic" is public sector and a "coffee
   subscription" is a consumer subscription, not a café.
3. The objective says which fields describe the client: a hiring brief's offer and
   audience describe the roles and the candidates, not the client's customers, so
   for ``Hiring`` only the industry is read.
4. A brief that matches nothing is ``other``: a general playbook, never a guess.

Who the customers are called is the client's own word when the brief uses one of
``CUSTOMER_NOUNS`` ("new patients", "current members", "distributors"); else the
family's. ``minors`` is set when the audience or offer involves under-18s, and adds
the safeguarding rules to the compliance notes.
"""

import re
from dataclasses import dataclass, field, replace

from aicmo_site.kernel.briefs import INDUSTRY_FAMILIES, BriefContext

# Post types a playbook may list, by key. A post type is only written when the brief
# gives its substance (see production.generation.posts); otherwise the calendar says
# what the agency needs from the client.
POST_TYPES = (
    "tip",  # one concrete tip, stated in the post
    "myth",  # a myth and its correction
    "faq",  # a question and its answer (brief.faqs)
    "proof",  # a proof point (brief.proof_points or a differentiator with a number)
    "offer",  # the offer with its specifics (price, discount, terms)
    "how_it_works",  # the steps of the service
    "location",  # where and when (brief.locations)
    "key_date",  # a dated moment (brief.key_dates)
    "behind_the_scenes",  # the people and process behind the brand
    "comparison",  # before/after or option A vs B, from the brief's pains and offer
    "checklist",  # a short list whose items are written out
    "story",  # a customer or community story the client supplies
)


@dataclass(frozen=True, slots=True)
class Playbook:
    """One industry family's way of working (see the module docstring).

    ``formats`` and ``posting_days`` are keyed by channel family
    (``aicmo_site.writing.vocab.CHANNEL_FAMILIES``); a family missing from them uses
    the platform's own defaults (``production.generation.copywriting.PLATFORMS``).
    Weekdays count from Monday = 0.
    """

    family: str
    label: str
    entity: str
    customer: str
    customers: str
    b2b: bool
    proof: tuple[str, ...]
    default_channels: tuple[str, ...]
    post_types: tuple[str, ...]
    formats: dict[str, tuple[str, ...]] = field(default_factory=dict)
    posting_days: dict[str, tuple[int, ...]] = field(default_factory=dict)
    weekly: dict[str, float] = field(default_factory=dict)
    compliance: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    minors: bool = False
    """Whether the audience includes under-18s: safeguarding rules apply."""
    adult_voices: tuple[str, ...] = ("parents", "carers", "the team")
    """Who speaks for the brand when ``minors`` is set: adults, never the children."""
    partners: str = "partners"
    """What the family calls the partners a Partnerships brief looks for."""
    partner_kit: str = "co-marketing pack"
    """What the client hands its partners to sell or share with."""


# Weekday sets (Monday = 0).
MON_TO_THU = (0, 1, 2, 3)
TUE_THU = (1, 3)
MON_WED_FRI = (0, 2, 4)
WEEKDAYS = (0, 1, 2, 3, 4)

# Business buyers read LinkedIn and email in the working week: every posting channel
# stays on weekdays, LinkedIn on Monday to Thursday (Friday reach drops off).
_B2B_DAYS: dict[str, tuple[int, ...]] = {
    "linkedin": MON_TO_THU,
    "x": MON_TO_THU,
    "youtube": TUE_THU,
    "email": (1, 2),
    "facebook": TUE_THU,
    "instagram": TUE_THU,
    "tiktok": TUE_THU,
    "pinterest": TUE_THU,
    "threads": TUE_THU,
    "nextdoor": TUE_THU,
}
# A public body posts when its offices can answer: weekdays only.
_PUBLIC_DAYS: dict[str, tuple[int, ...]] = {
    "facebook": MON_WED_FRI,
    "instagram": MON_WED_FRI,
    "x": WEEKDAYS,
    "tiktok": WEEKDAYS,
    "youtube": TUE_THU,
    "linkedin": (1, 2, 3),
    "pinterest": TUE_THU,
    "threads": MON_WED_FRI,
    "email": TUE_THU,
    "nextdoor": TUE_THU,
}

PLAYBOOKS: dict[str, Playbook] = {
    "consumer_subscription": Playbook(
        family="consumer_subscription",
        label="Consumer subscription",
        entity="brand",
        customer="subscriber",
        customers="subscribers",
        b2b=False,
        proof=(
            "an order being packed for dispatch",
            "what arrives in each delivery",
            "how pausing or cancelling works",
        ),
        default_channels=("Instagram", "Email", "TikTok"),
        post_types=(
            "offer",
            "how_it_works",
            "proof",
            "behind_the_scenes",
            "faq",
            "comparison",
            "tip",
            "story",
            "key_date",
        ),
        weekly={"instagram": 4},
        compliance=(
            "Every price states the renewal terms next to it: how much, how often "
            "and when the first full-price payment is taken.",
            "An introductory discount names the full price that follows and when "
            "it starts.",
            "How to pause, skip or cancel is stated plainly, and works exactly as "
            "the posts say.",
        ),
        hashtags=("#ShopIndependent", "#SupportSmallBusiness"),
    ),
    "local_service": Playbook(
        family="local_service",
        label="Local service",
        entity="business",
        customer="customer",
        customers="customers",
        b2b=False,
        proof=(
            "what a first visit involves",
            "the standards the team keeps on every visit",
            "the people who do the work",
        ),
        default_channels=("Instagram", "Facebook", "Email"),
        post_types=(
            "offer",
            "location",
            "proof",
            "faq",
            "behind_the_scenes",
            "tip",
            "story",
            "how_it_works",
            "key_date",
        ),
        compliance=(
            "Reviews and testimonials are real, shared with written consent and "
            "never paid for.",
            "Prices and opening hours in posts match what the business charges and "
            "keeps; a price that can change is written as 'from'.",
            "Where the service is regulated (health, beauty, legal or financial), "
            "claims and before-and-after images follow that regulator's advertising "
            "rules and need the person's written consent.",
        ),
        hashtags=("#SupportLocal", "#LocalBusiness"),
    ),
    "education": Playbook(
        family="education",
        label="Education",
        entity="provider",
        customer="learner",
        customers="learners",
        b2b=False,
        proof=(
            "a short preview of a real session",
            "how progress is tracked",
            "how every tutor is chosen",
        ),
        default_channels=("Facebook", "Instagram", "Email"),
        post_types=(
            "tip",
            "faq",
            "proof",
            "how_it_works",
            "checklist",
            "key_date",
            "offer",
            "myth",
            "story",
        ),
        formats={
            "instagram": ("Carousel", "Reel", "Single image", "Story sequence"),
            "youtube": ("Explainer video", "YouTube Short"),
        },
        weekly={"facebook": 3},
        compliance=(
            "Results and pass rates are stated exactly as the client can show them, "
            "with the year and the number of learners; no grade is ever guaranteed.",
            "Tutors' and teachers' qualifications are named as they are held.",
        ),
        hashtags=("#StudyTips", "#EducationMatters"),
        adult_voices=(
            "parents",
            "teachers",
            "tutors",
            "former students who are now over 18",
        ),
    ),
    "b2b_industrial": Playbook(
        family="b2b_industrial",
        label="B2B industrial",
        entity="company",
        customer="buyer",
        customers="buyers",
        b2b=True,
        proof=(
            "the testing behind every order",
            "an order from enquiry to delivery",
            "the certifications the products hold",
        ),
        default_channels=("LinkedIn", "Email", "YouTube", "Events"),
        post_types=(
            "proof",
            "how_it_works",
            "faq",
            "comparison",
            "offer",
            "key_date",
            "behind_the_scenes",
            "checklist",
        ),
        formats={
            "linkedin": ("Document carousel", "Text post", "Short video", "Poll"),
            "youtube": (
                "Long technical video (8-12 min)",
                "Product walkthrough video",
                "YouTube Short",
            ),
            "email": ("Newsletter", "Technical update email"),
        },
        posting_days=_B2B_DAYS,
        weekly={"linkedin": 3, "youtube": 0.5, "email": 0.5},
        compliance=(
            "Standards, certifications and ratings are written exactly as certified, "
            "with the standard's number; 'designed to' a standard is never written "
            "as 'certified to' it.",
            "Technical data and claims are checked by the client's engineers before "
            "they are published, and certificates are available on request.",
            "Export-control, sanctions and dual-use rules are checked before the "
            "products are promoted into a new country.",
            "Partner terms (territories, margins) appear in public only as the "
            "client approves them; the detail goes in the partner pack.",
        ),
        hashtags=("#Manufacturing", "#Engineering", "#IndustrialEquipment"),
        partners="distributors",
        partner_kit="distributor sales kit",
    ),
    "public_sector_health": Playbook(
        family="public_sector_health",
        label="Public sector and health",
        entity="service",
        customer="resident",
        customers="residents",
        b2b=False,
        proof=(
            "what happens on the day",
            "who the service is for",
            "the staff who run the service",
        ),
        default_channels=("Facebook", "Instagram", "Email", "SMS"),
        post_types=(
            "location",
            "key_date",
            "faq",
            "myth",
            "how_it_works",
            "checklist",
            "offer",
            "story",
        ),
        formats={
            "instagram": ("Carousel", "Single image", "Reel", "Story sequence"),
            "facebook": ("Photo post", "Short video", "Link post"),
            "youtube": ("Explainer video", "YouTube Short"),
        },
        posting_days=_PUBLIC_DAYS,
        weekly={"facebook": 3},
        compliance=(
            "Plain language: short sentences, everyday words, and any medical or "
            "official term explained the first time it appears.",
            "Every post says where and when: the place, the dates and hours, and who "
            "is eligible.",
            "Accessible by default: alt text on every image, captions on every "
            "video, strong colour contrast, and a way to take part without the "
            "internet (a phone number or a place to walk in).",
            "No fear tactics or shock images: the facts and the benefit, never "
            "alarming statistics.",
        ),
        hashtags=("#PublicHealth", "#StayWell", "#CommunityHealth"),
        adult_voices=(
            "parents",
            "carers",
            "nurses",
            "pharmacists",
            "community leaders",
        ),
    ),
    "saas": Playbook(
        family="saas",
        label="SaaS",
        entity="platform",
        customer="customer",
        customers="customers",
        b2b=True,
        proof=(
            "a 60-second product walkthrough",
            "a real customer's workflow",
            "the product roadmap in plain language",
        ),
        default_channels=("LinkedIn", "Email", "YouTube"),
        post_types=(
            "how_it_works",
            "proof",
            "comparison",
            "faq",
            "tip",
            "offer",
            "checklist",
            "key_date",
        ),
        formats={
            "linkedin": ("Document carousel", "Text post", "Short video", "Poll"),
            "youtube": (
                "Product walkthrough video",
                "Explainer video",
                "YouTube Short",
            ),
        },
        posting_days=_B2B_DAYS,
        weekly={"linkedin": 3},
        compliance=(
            "Security and data-protection claims (GDPR, SOC 2, ISO 27001) are made "
            "only as certified, with a link to the client's trust page.",
            "A free trial says what happens when it ends: whether a card is needed "
            "and when billing starts.",
            "Customer names, logos and quotes are used only with written permission.",
        ),
        hashtags=("#SaaS", "#Productivity", "#B2BSoftware"),
    ),
    "other": Playbook(
        family="other",
        label="General",
        entity="company",
        customer="customer",
        customers="customers",
        b2b=False,
        proof=(
            "how the team delivers the work",
            "a recent result shared with permission",
            "the people behind the brand",
        ),
        default_channels=("Instagram", "Facebook", "Email"),
        post_types=(
            "how_it_works",
            "proof",
            "faq",
            "tip",
            "offer",
            "behind_the_scenes",
            "story",
            "key_date",
        ),
        compliance=(
            "Testimonials, figures and claims are used only as the client can show "
            "them, with consent from every person featured.",
        ),
        hashtags=("#SmallBusiness", "#Community"),
    ),
}


def _words(patterns: str) -> re.Pattern[str]:
    """Compile ``a|b|c`` as whole words; a trailing ``*`` marks a stem (``tutor*``)."""
    parts = [
        re.escape(p[:-1]) + r"\w*" if p.endswith("*") else re.escape(p) + r"(?:e?s)?"
        for p in patterns.split("|")
    ]
    return re.compile(rf"\b(?:{'|'.join(parts)})\b", re.IGNORECASE)


# Each family's signal words, most specific family first (see the module docstring).
SIGNALS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "saas",
        re.compile(
            _words("SaaS|software|app|API|plug-in|plugin").pattern
            # "Platform beds" and "cloud kitchens" are no software: platform and
            # cloud count only beside a software word.
            + r"|\b(?:platform|cloud)\b(?=[^.;]{0,40}\b(?:software|app|data|online"
            r"|digital|saas|api|hosting|computing|service|analytics|tool)s?\b)"
            r"|\b(?:software|app|data|online|digital|saas|api)\b[^.;]{0,40}"
            r"\b(?:platform|cloud)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "public_sector_health",
        _words(
            "public health|public sector|council|municipal*|local authority|"
            "local government|government|NHS|health department|department of|"
            "health authority|health service|ministry|vaccin*|immunis*|"
            "immuniz*|flu jab|screening programme"
        ),
    ),
    (
        "education",
        _words(
            "tutor*|tuition|school|GCSE|A-level|A level|course|academy|"
            "academies|university|universities|college|curriculum|e-learning|"
            "edtech|lesson|pupil|nursery|nurseries|preschool|kindergarten|"
            "bootcamp|training provider"
        ),
    ),
    (
        "consumer_subscription",
        _words(
            "subscription|subscribe|delivered monthly|delivered weekly|"
            "delivered fortnightly|delivered every|monthly box|"
            "subscription box|meal kit|box scheme"
        ),
    ),
    (
        "b2b_industrial",
        _words(
            "manufactur*|industrial|factory|factories|valve|pump|machinery|"
            "engineering|wholesale|wholesaler|distributor|OEM|fabrication|"
            "hydraulic*|pneumatic*|pipeline|components|B2B engineering|"
            "chemical|steel"
        ),
    ),
    (
        "local_service",
        _words(
            "clinic|dental|dentist|orthodont*|physio*|chiropract*|optician|"
            "veterinar*|restaurant|cafe|café|coffee shop|bistro|bakery|bakeries|"
            "pub|gym|fitness|yoga|pilates|salon|spa|barber*|hairdress*|beauty|nail|"
            "plumb*|electrician|cleaning|landscap*|garage|car wash|florist|"
            "pharmacy|pharmacies|hotel"
        ),
    ),
)

# Words a brief uses for its customers, singular and plural; the client's own word
# beats the family's (a dental brief says "patients", a gym "members").
CUSTOMER_NOUNS: tuple[tuple[str, str], ...] = (
    ("patient", "patients"),
    ("member", "members"),
    ("client", "clients"),
    ("guest", "guests"),
    ("subscriber", "subscribers"),
    ("supporter", "supporters"),
    ("distributor", "distributors"),
    ("family", "families"),
    ("partner", "partners"),
)
_CUSTOMER_NOUN = re.compile(
    r"(?<!\bteam )(?<!\bstaff )(?<!\bboard )\b("
    + "|".join(w for pair in CUSTOMER_NOUNS for w in pair)
    + r")\b",
    re.IGNORECASE,
)

# Under-18s in the audience or the offer: the words of the brief's own age groups.
_MINOR_WORDS = _words(
    "pupil|child|children|kid|teen*|schoolchildren|adolescent|"
    "toddler|infant|youth|young people|GCSE"
)
# "A-levels", "A level students": case-sensitive, so "a level of service" is not.
_A_LEVEL = re.compile(r"\bA[- ]level(?:s\b| student| exam)|\bA-level\b")
_UNDER_AGE = re.compile(
    r"\bunder-1[0-7]s?\b|\bunder 1[0-7](?:\s*year|s\b)", re.IGNORECASE
)
# Students are minors unless the ages stated start at 18 or over.
_STUDENT = re.compile(r"\bstudents?\b", re.IGNORECASE)
# "Baby" means infants only beside months or toddlers, not "baby boomers".
_BABY = re.compile(
    r"\bbab(?:y|ies)\b(?=[^.;]{0,40}\b(?:months?|toddlers?)\b)"
    r"|\b(?:months?|toddlers?)\b[^.;]{0,40}\bbab(?:y|ies)\b",
    re.IGNORECASE,
)
_SCHOOL_YEAR = re.compile(r"\b(?:year|grade)\s*(?:[1-9]|1[0-3])\b", re.IGNORECASE)
_AGE_RANGE = re.compile(r"\baged?\s*(\d{1,2})\s*(?:-|–|to)\s*\d{1,2}", re.IGNORECASE)


def classify(brief: BriefContext) -> str:
    """Return the family (one of INDUSTRY_FAMILIES) that the brief belongs to.

    The brief's ``industry_family`` wins when it names a family; otherwise the rules
    of the module docstring apply, in order.
    """
    named = re.sub(r"[\s_-]+", "_", brief.industry_family.strip()).casefold()
    if named in INDUSTRY_FAMILIES:
        return named
    fields: tuple[str, ...] = (brief.industry,)
    if brief.objective != "Hiring":
        fields += (brief.primary_offer, brief.target_audience)
    for value in fields:
        for family, signal in SIGNALS:
            if signal.search(value):
                return family
    return "other"


def involves_minors(brief: BriefContext) -> bool:
    """Whether the audience or the offer involves under-18s."""
    for value in (brief.target_audience, brief.primary_offer):
        lows = [int(low) for low in _AGE_RANGE.findall(value)]
        if any(low < 18 for low in lows):
            return True
        words = (_MINOR_WORDS, _SCHOOL_YEAR, _A_LEVEL, _UNDER_AGE, _BABY)
        if any(pattern.search(value) for pattern in words):
            return True
        if _STUDENT.search(value) and not (lows and min(lows) >= 18):
            return True
    return False


def customer_nouns(brief: BriefContext) -> tuple[str, str] | None:
    """Return the brief's own word for its customers (singular, plural), if any.

    The audience is read first, then the offer, the desired outcomes and the
    differentiators; the first word of ``CUSTOMER_NOUNS`` found decides.
    """
    fields = (
        brief.target_audience,
        brief.primary_offer,
        *brief.desired_outcomes,
        *brief.differentiators,
    )
    for value in fields:
        found = _CUSTOMER_NOUN.search(value)
        if found:
            word = found.group(1).lower()
            return next(pair for pair in CUSTOMER_NOUNS if word in pair)
    return None


def playbook_for(brief: BriefContext) -> Playbook:
    """Return the brief's playbook: its ``industry_family`` or the classified one.

    The family's playbook is fitted to the brief: its customers are called what the
    brief calls them, and when under-18s are involved ``minors`` is set and the
    safeguarding rules join the compliance notes.
    """
    playbook = PLAYBOOKS[classify(brief)]
    nouns = customer_nouns(brief)
    if nouns is not None:
        playbook = replace(playbook, customer=nouns[0], customers=nouns[1])
    if involves_minors(brief):
        playbook = replace(
            playbook,
            minors=True,
            compliance=(*playbook.compliance, *safeguarding(playbook, brief)),
        )
    return playbook


def safeguarding(playbook: Playbook, brief: BriefContext) -> tuple[str, ...]:
    """Return the safeguarding rules for a brief whose audience includes under-18s."""
    voices = _join(playbook.adult_voices)
    rules = [
        "Under-18s are never invited to be creators, ambassadors or reviewers; the "
        f"voices are adults: {voices}.",
        "A child's face, name, voice or work appears only with written consent "
        "from a parent or guardian, and never with details that say where to find "
        "the child (full name, school or address).",
    ]
    if playbook.family == "education":
        rules.append(
            f"Say that tutors and teachers {vetting(brief.geography)} only when "
            "every one who works with children does, and keep the records on file."
        )
    return tuple(rules)


# The check a person working with children holds, by country (the first match wins).
_VETTING: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\bscotland\b", re.IGNORECASE),
        "are members of the PVG scheme (Disclosure Scotland)",
    ),
    (
        re.compile(
            r"\b(?:united kingdom|uk|great britain|britain|england|wales|"
            r"northern ireland)\b",
            re.IGNORECASE,
        ),
        "hold an enhanced DBS check",
    ),
    (re.compile(r"\bireland\b", re.IGNORECASE), "are Garda vetted"),
    (re.compile(r"\baustralia\b", re.IGNORECASE), "hold a Working with Children Check"),
    (
        re.compile(r"\bcanada\b", re.IGNORECASE),
        "hold a police check with vulnerable sector screening",
    ),
    (re.compile(r"\bnew zealand\b", re.IGNORECASE), "are safety checked"),
    (
        re.compile(r"\b(?:united states|usa|us)\b|\bU\.S\.", re.IGNORECASE),
        "pass a criminal background check",
    ),
)


def vetting(geography: str) -> str:
    """Return the child-safety check for ``geography``, as it follows "tutors"."""
    for pattern, phrase in _VETTING:
        if pattern.search(geography):
            return phrase
    return "hold the background check that local law requires for work with children"


def _join(items: tuple[str, ...]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"


__all__ = [
    "INDUSTRY_FAMILIES",
    "PLAYBOOKS",
    "POST_TYPES",
    "Playbook",
    "classify",
    "playbook_for",
]
