"""What the draft generator knows about sectors, platforms, tone and calls to action.

Copywriting judgement as data: what a sector can show as proof, which hashtags it uses,
how often and in which formats each platform posts, how a tone of voice sounds, and how
each objective asks for action.
"""

import re
from dataclasses import dataclass


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
    hashtags: tuple[str, ...] = ()


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
            "manufactur*|industrial|logistics|supply chain|wholesale|"
            "factory|engineering|packaging|chemical|chemicals|freight|b2b"
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
    "centre clinic collective company consultancy co-op firm garage gym hotel kitchen "
    "lab manufacturer network platform practice provider restaurant salon school "
    "service shop spa store studio surgery venue"
)


def _keyword_pattern(keyword: str) -> re.Pattern[str]:
    if keyword.endswith("*"):
        return re.compile(rf"(?<![a-z]){re.escape(keyword[:-1])}[a-z]*")
    return re.compile(rf"(?<![a-z]){re.escape(keyword)}(?:s|es)?(?![a-z])")


def industry_profile(industry: str, offer: str = "") -> IndustryProfile:
    """Return the sector family for the brief's industry (falling back to its offer).

    The longest matching word wins ("health insurance" is finance, not healthcare);
    on a tie, the word that comes first in the text.
    """
    for text in (industry, offer):
        haystack = text.lower()
        best: tuple[int, int, IndustryProfile] | None = None
        for profile in INDUSTRIES:
            for keyword in profile.keywords:
                match = _keyword_pattern(keyword).search(haystack)
                if match is None:
                    continue
                score = (len(match.group(0)), -match.start())
                if best is None or score > best[:2]:
                    best = (*score, profile)
        if best is not None:
            return best[2]
    return GENERIC_INDUSTRY


SECTOR_HASHTAGS: dict[str, tuple[str, ...]] = {
    "healthcare": ("#HealthTips", "#PatientCare"),
    "software": ("#SaaS", "#Productivity"),
    "finance": ("#FinanceTips", "#MoneyMatters"),
    "professional": ("#SmallBusiness", "#Leadership"),
    "food": ("#ShopLocal", "#FoodLovers"),
    "fitness": ("#FitnessMotivation", "#HealthyHabits"),
    "beauty": ("#SelfCare", "#BeautyTips"),
    "real_estate": ("#PropertyMarket", "#HomeBuying"),
    "retail": ("#ShopSmall", "#NewIn"),
    "education": ("#LifelongLearning", "#StudyTips"),
    "hospitality": ("#TravelTips", "#Staycation"),
    "home_services": ("#HomeImprovement", "#HomeRenovation"),
    "manufacturing": ("#Manufacturing", "#SupplyChain"),
    "nonprofit": ("#GivingBack", "#Charity"),
    "automotive": ("#CarCare", "#Motoring"),
    "pets": ("#PetCare", "#PetLovers"),
    "general": ("#SmallBusiness", "#ShopLocal"),
}

OBJECTIVES = ("Awareness", "Leads", "Sales", "Hiring", "Partnerships", "Retention")


@dataclass(frozen=True, slots=True)
class PlatformSpec:
    """How a platform posts: cadence, formats, hashtag use and where links go."""

    key: str
    kind: str
    weekly: float
    formats: tuple[str, ...]
    hashtags: tuple[int, int]
    link: str
    weekdays: tuple[int, ...]
    aliases: tuple[str, ...] = ()


PLATFORMS: tuple[PlatformSpec, ...] = (
    PlatformSpec(
        key="instagram",
        kind="social",
        weekly=3,
        formats=("Reel", "Carousel", "Single image", "Story sequence"),
        hashtags=(5, 8),
        link="via the link in bio",
        weekdays=(0, 2, 4, 5),
        aliases=("instagram", "ig", "insta"),
    ),
    PlatformSpec(
        key="facebook",
        kind="social",
        weekly=2,
        formats=("Short video", "Photo post", "Link post", "Photo album"),
        hashtags=(1, 3),
        link="at {site}",
        weekdays=(2, 4, 6),
        aliases=("facebook", "fb", "meta"),
    ),
    PlatformSpec(
        key="linkedin",
        kind="social",
        weekly=2,
        formats=("Text post", "Document carousel", "Short video", "Poll"),
        hashtags=(3, 4),
        link="at {site}",
        weekdays=(1, 2, 3),
        aliases=("linkedin", "linked in"),
    ),
    PlatformSpec(
        key="tiktok",
        kind="social",
        weekly=3,
        formats=("Short video", "Talking-head video", "Behind-the-scenes video"),
        hashtags=(3, 5),
        link="via the link in bio",
        weekdays=(0, 1, 2, 3, 4, 5, 6),
        aliases=("tiktok", "tik tok"),
    ),
    PlatformSpec(
        key="x",
        kind="social",
        weekly=3,
        formats=("Thread", "Text post", "Image post", "Poll"),
        hashtags=(1, 2),
        link="at {site}",
        weekdays=(0, 1, 2, 3, 4),
        aliases=("x", "twitter", "x (twitter)", "x/twitter", "twitter/x"),
    ),
    PlatformSpec(
        key="youtube",
        kind="social",
        weekly=1,
        formats=("YouTube Short", "Explainer video"),
        hashtags=(2, 3),
        link="via the link in the description",
        weekdays=(3, 5),
        aliases=("youtube", "yt", "youtube shorts"),
    ),
    PlatformSpec(
        key="pinterest",
        kind="social",
        weekly=2,
        formats=("Idea pin", "Standard pin", "Infographic pin"),
        hashtags=(2, 4),
        link="at {site}",
        weekdays=(4, 5, 6),
        aliases=("pinterest",),
    ),
    PlatformSpec(
        key="threads",
        kind="social",
        weekly=2,
        formats=("Text post", "Photo post"),
        hashtags=(0, 1),
        link="via the link in bio",
        weekdays=(0, 2, 4),
        aliases=("threads",),
    ),
    PlatformSpec(
        key="email",
        kind="email",
        weekly=1,
        formats=("Newsletter", "Nurture email"),
        hashtags=(0, 0),
        link="at {site}",
        weekdays=(1, 3),
        aliases=("email", "e-mail", "newsletter", "email marketing", "crm"),
    ),
)

# Channels that carry no posts of their own: paid search, SEO, messaging, events.
NON_POSTING = frozenset(
    (
        "google ads", "google", "search", "sem", "ppc", "paid search", "bing ads",
        "microsoft ads", "seo", "blog", "content marketing", "website",
        "organic search", "whatsapp", "sms", "messaging", "events", "event",
        "trade shows", "webinars", "webinar", "in-store",
    )
)  # fmt: skip

GENERIC_SOCIAL = PlatformSpec(
    key="other",
    kind="social",
    weekly=2,
    formats=("Photo post", "Short video"),
    hashtags=(2, 3),
    link="at {site}",
    weekdays=(1, 3, 5),
)


def platform_spec(name: str) -> PlatformSpec | None:
    """Return how ``name`` posts; None for a channel that carries no posts."""
    lower = name.strip().lower()
    if lower in NON_POSTING:
        return None
    for spec in PLATFORMS:
        if lower == spec.key or lower in spec.aliases:
            return spec
    return GENERIC_SOCIAL


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
