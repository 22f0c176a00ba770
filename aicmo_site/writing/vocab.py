"""Domain vocabulary: sector families, what each can show as proof, channel families.

What an agency knows about a sector before it reads the brief: what its customers are
called, whether it sells to businesses, what proof it can show, which channels it starts
from and what compliance it needs; and which family each channel is planned as. Both
the strategist and the copywriter read it. The objectives and the channels a brief can
name are the brief's own vocabulary (``aicmo_site.kernel.briefs``).
"""

import re
from dataclasses import dataclass

from aicmo_site.kernel import briefs


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _k(words: str) -> tuple[str, ...]:
    """Split ``a|b|c``; a trailing ``*`` marks a stem (``physio*``)."""
    return tuple(words.split("|"))


@dataclass(frozen=True, slots=True)
class IndustryProfile:
    """A sector family, recognised from the brief's industry and offer."""

    key: str
    keywords: tuple[str, ...]
    entity: str
    customer: str
    customers: str
    b2b: bool
    proof: tuple[str, ...]
    default_channels: tuple[str, ...]
    compliance: str = ""


INDUSTRIES: tuple[IndustryProfile, ...] = (
    IndustryProfile(
        key="healthcare",
        keywords=_k(
            "dental|dentist|clinic|health|healthcare|medical|physio*|"
            "therapy|therapist|chiropract*|optician|pharma*|care home|"
            "veterinar*|orthodont*|hospital|doctor|gp|surgery|mental health|"
            "nutrition*"
        ),
        entity="practice",
        customer="patient",
        customers="patients",
        b2b=False,
        proof=(
            "what a first appointment actually involves",
            "the hygiene and comfort standards behind every visit",
            "the clinicians' qualifications and experience",
        ),
        default_channels=("Instagram", "Facebook", "Email"),
        compliance=(
            "Health claims and before-and-after images follow local advertising "
            "rules for health services and need written patient consent."
        ),
    ),
    IndustryProfile(
        key="software",
        keywords=_k(
            "saas|software|app|apps|platform|tech|technology|cloud|cyber*|"
            "ai|data|it services|devops|api|startup|b2b saas|fintech app"
        ),
        entity="platform",
        customer="customer",
        customers="customers",
        b2b=True,
        proof=(
            "a 60-second product walkthrough",
            "a customer's workflow before and after switching",
            "release notes and the roadmap in plain language",
        ),
        default_channels=("LinkedIn", "Email", "X"),
    ),
    IndustryProfile(
        key="finance",
        keywords=_k(
            "finance|financial|fintech|bank|banking|insurance|insurer|"
            "accounting|accountant|bookkeep*|tax|wealth|mortgage|investment|"
            "investing|lending|payroll|pension"
        ),
        entity="firm",
        customer="client",
        customers="clients",
        b2b=False,
        proof=(
            "a common money question answered step by step",
            "how onboarding works and what clients need to prepare",
            "security and regulation explained in plain language",
        ),
        default_channels=("LinkedIn", "Facebook", "Email"),
        compliance=(
            "Financial promotions need a compliance review; never promise returns."
        ),
    ),
    IndustryProfile(
        key="professional",
        keywords=_k(
            "law|legal|law firm|solicitor|lawyer|consult*|agency|architect*|"
            "recruitment|recruiter|marketing|advisory|coaching|coach|"
            "b2b services|engineering services|pr"
        ),
        entity="firm",
        customer="client",
        customers="clients",
        b2b=True,
        proof=(
            "how an engagement runs from first call to handover",
            "an anonymised client case study",
            "the team's credentials and working method",
        ),
        default_channels=("LinkedIn", "Email", "Instagram"),
    ),
    IndustryProfile(
        key="food",
        keywords=_k(
            "bakery|bakeries|cafe|café|coffee|restaurant|food|foods|drink|"
            "drinks|beverage|brewery|bar|catering|kitchen|bistro|pizza|"
            "pizzeria|deli|grocery|chocolate|tea|wine|winery|juice|"
            "street food|meal kit|meal prep"
        ),
        entity="brand",
        customer="customer",
        customers="customers",
        b2b=False,
        proof=(
            "the early-morning prep behind every order",
            "where the ingredients come from",
            "a best-seller from raw ingredients to the finished product",
        ),
        default_channels=("Instagram", "TikTok", "Facebook"),
    ),
    IndustryProfile(
        key="fitness",
        keywords=_k(
            "fitness|gym|yoga|pilates|personal train*|crossfit|sport|sports|"
            "wellness|martial arts|running|cycling|bootcamp fitness"
        ),
        entity="studio",
        customer="member",
        customers="members",
        b2b=False,
        proof=(
            "a full session from warm-up to cool-down",
            "a member's progress over eight weeks, shared with consent",
            "coaches' form tips for common mistakes",
        ),
        default_channels=("Instagram", "TikTok", "Facebook"),
    ),
    IndustryProfile(
        key="beauty",
        keywords=_k(
            "beauty|salon|spa|hair|hairdresser|barber|barbershop|skincare|"
            "skin care|cosmetic*|nail|nails|aesthetic*|makeup|make-up|"
            "lashes|brows"
        ),
        entity="studio",
        customer="client",
        customers="clients",
        b2b=False,
        proof=(
            "a treatment from consultation to finish",
            "the products used and why they were chosen",
            "aftercare routines that make results last",
        ),
        default_channels=("Instagram", "TikTok", "Facebook"),
    ),
    IndustryProfile(
        key="real_estate",
        keywords=_k(
            "real estate|property|properties|estate agent|estate agency|"
            "realtor|letting|lettings|housing|homes for sale|"
            "mortgage broker|property management"
        ),
        entity="agency",
        customer="client",
        customers="clients",
        b2b=False,
        proof=(
            "a property walkthrough with the details buyers ask about",
            "local market figures explained",
            "a sale from valuation to handing over the keys",
        ),
        default_channels=("Instagram", "Facebook", "LinkedIn"),
    ),
    IndustryProfile(
        key="retail",
        keywords=_k(
            "retail|ecommerce|e-commerce|online store|shop|store|fashion|"
            "apparel|clothing|jewel*|furniture|homeware|boutique|footwear|"
            "accessories|gift|gifts|toys|d2c|dtc|consumer goods"
        ),
        entity="brand",
        customer="customer",
        customers="customers",
        b2b=False,
        proof=(
            "how a best-seller is made and sourced",
            "three ways customers use or style a product",
            "packing an order, from warehouse shelf to doorstep",
        ),
        default_channels=("Instagram", "TikTok", "Pinterest"),
    ),
    IndustryProfile(
        key="education",
        keywords=_k(
            "education|school|tutor|tutoring|course|courses|training|"
            "academy|learning|university|college|bootcamp|e-learning|edtech|"
            "language school"
        ),
        entity="provider",
        customer="learner",
        customers="learners",
        b2b=False,
        proof=(
            "a two-minute lesson preview",
            "a learner's progress from first session to result",
            "how the curriculum is designed",
        ),
        default_channels=("Instagram", "Facebook", "YouTube"),
    ),
    IndustryProfile(
        key="hospitality",
        keywords=_k(
            "hotel|hotels|hospitality|travel|tourism|resort|holiday|"
            "holidays|b&b|guest house|venue|hostel|tour|tours|"
            "boutique hotel"
        ),
        entity="venue",
        customer="guest",
        customers="guests",
        b2b=False,
        proof=(
            "a room and venue tour",
            "the local experiences guests ask about",
            "the team preparing for a busy check-in day",
        ),
        default_channels=("Instagram", "Facebook", "TikTok"),
    ),
    IndustryProfile(
        key="home_services",
        keywords=_k(
            "plumb*|electrician|electrical|cleaning|cleaner|construction|"
            "renovat*|roofing|roofer|landscap*|gardening|builder|builders|"
            "hvac|removals|handyman|home services|interior design|solar"
        ),
        entity="company",
        customer="customer",
        customers="customers",
        b2b=False,
        proof=(
            "a job from quote to clean-up",
            "before-and-after photos of a finished job",
            "the checks the team runs on every visit",
        ),
        default_channels=("Facebook", "Instagram", "Email"),
    ),
    IndustryProfile(
        key="manufacturing",
        keywords=_k(
            "manufactur*|industrial|wholesale|factory|engineering|packaging|"
            "chemical|chemicals|b2b"
        ),
        entity="manufacturer",
        customer="buyer",
        customers="buyers",
        b2b=True,
        proof=(
            "the quality checks on the production line",
            "an order from purchase order to delivery",
            "certifications and standards explained",
        ),
        default_channels=("LinkedIn", "Email", "YouTube"),
    ),
    IndustryProfile(
        key="logistics",
        keywords=_k(
            "logistics|freight|warehous*|haulage|haulier|shipping|courier|"
            "fulfilment|fulfillment|supply chain|distribution|3pl|transport"
        ),
        entity="company",
        customer="client",
        customers="clients",
        b2b=True,
        proof=(
            "a shipment from booking to proof of delivery",
            "the safety checks on the warehouse floor",
            "how the team plans shifts, routes and rosters",
        ),
        default_channels=("LinkedIn", "Email", "Facebook"),
    ),
    IndustryProfile(
        key="nonprofit",
        keywords=_k(
            "charity|nonprofit|non-profit|ngo|foundation|community group|"
            "social enterprise"
        ),
        entity="organisation",
        customer="supporter",
        customers="supporters",
        b2b=False,
        proof=(
            "where a single donation goes",
            "a volunteer's day in the field",
            "the year's impact in numbers",
        ),
        default_channels=("Facebook", "Instagram", "Email"),
    ),
    IndustryProfile(
        key="automotive",
        keywords=_k(
            "automotive|car|cars|garage|dealership|vehicle|vehicles|motor|"
            "motors|ev|car wash"
        ),
        entity="garage",
        customer="driver",
        customers="drivers",
        b2b=False,
        proof=(
            "a service from check-in to handover",
            "a vehicle walkaround covering the questions buyers ask",
            "the diagnostics behind a repair",
        ),
        default_channels=("Facebook", "Instagram", "YouTube"),
    ),
    IndustryProfile(
        key="pets",
        keywords=_k(
            "pet|pets|dog|dogs|cat|cats|grooming|kennel|kennels|animal|pet food"
        ),
        entity="brand",
        customer="pet owner",
        customers="pet owners",
        b2b=False,
        proof=(
            "a grooming or care session from start to finish",
            "the ingredients and standards behind the products",
            "customers' pets, shared with permission",
        ),
        default_channels=("Instagram", "TikTok", "Facebook"),
    ),
)

GENERIC_INDUSTRY = IndustryProfile(
    key="general",
    keywords=(),
    entity="business",
    customer="customer",
    customers="customers",
    b2b=False,
    proof=(
        "how the team delivers the work, step by step",
        "a recent customer result, shared with permission",
        "the people behind the brand",
    ),
    default_channels=("Instagram", "Facebook", "Email"),
)

ENTITY_NOUNS = _words(
    "academy agency bakery bar bistro boutique brand brewery business cafe café "
    "centre charity clinic collective company consultancy co-op firm foundation "
    "garage gym hotel kitchen lab manufacturer network nonprofit non-profit "
    "operator organisation organization platform practice provider restaurant salon "
    "school service shop spa store studio surgery venue"
)


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    if keyword.endswith("*"):
        return re.compile(rf"(?<![a-z]){re.escape(keyword[:-1])}[a-z]*")
    return re.compile(rf"(?<![a-z]){re.escape(keyword)}(?:s|es)?(?![a-z])")


def industry_profile(industry: str, offer: str = "") -> IndustryProfile:
    """Return the sector family for the brief's industry (falling back to its offer).

    The head noun wins: in English the last word of a compound names the thing, so
    the match that ends last decides ("health insurance" is finance, "boutique
    fitness studio" is fitness, "B2B accounting software" is software). On a tie,
    the longer match.
    """
    for text in (industry, offer):
        haystack = text.lower()
        best: tuple[int, int, IndustryProfile] | None = None
        for profile in INDUSTRIES:
            for keyword in profile.keywords:
                match = _keyword_pattern(keyword).search(haystack)
                if match is None:
                    continue
                score = (match.end(), len(match.group(0)))
                if best is None or score > best[:2]:
                    best = (*score, profile)
        if best is not None:
            return best[2]
    return GENERIC_INDUSTRY


# The family each channel is planned and written as: its platform, or search, seo,
# messaging and events for the channels that carry no posts. Brief channels are listed
# by canonical name (their synonyms follow, see aicmo_site.kernel.briefs.CHANNELS); the
# lower-case names are channels a brief cannot name yet that the generators still place.
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
    "messaging": ("WhatsApp", "sms", "messaging"),
    "events": ("events", "event", "trade shows", "webinars", "webinar", "in-store"),
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
