"""The brief, cleaned and phrased so that templates can use it inside sentences."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from aicmo_site.kernel.briefs import OBJECTIVES, BriefContext
from aicmo_site.writing import text, vocab

AUDIENCE_CUTS = (
    "who", "that", "looking", "seeking", "wanting", "aged", "in", "across", "at",
    "with", "from", "within", "near",
)  # fmt: skip
OFFER_CUTS = ("for", "with", "that", "which", "to", "including")
METRIC_VERBS = {
    "more": ("increase", "grow", "boost", "raise", "double", "triple", "gain", "drive"),
    "fewer": ("reduce", "cut", "lower", "decrease", "minimise", "minimize", "halve"),
    "better": ("improve", "strengthen", "enhance"),
}
_ALL_METRIC_VERBS = frozenset(v for group in METRIC_VERBS.values() for v in group)
BUSINESS_OUTCOME = re.compile(
    r"\b(?:bookings?|booked|sales|revenue|leads?|enquir\w*|inquir\w*|followers|"
    r"awareness|sign-?ups|conversions?|traffic|market share|roi|retention|churn|"
    r"applications?|applicants|hires?|time-to-hire|partners|partnerships|orders|"
    r"subscribers|visibility|footfall|rankings?|pipeline|margin|profit|brand|reach|"
    r"named|referrals?|consultations?|workspaces?|customers|clients|members|patients|"
    r"cycle)\b|%|\d",
    re.IGNORECASE,
)
QUANTITY_WORDS = frozenset(
    ("hours", "hour", "days", "weeks", "time", "too", "much", "long", "so", "ages")
    + ("a", "lot", "of", "their", "our")
)
GLOBAL_PLACES = re.compile(
    r"\b(?:global|worldwide|international|online|remote)\b", re.I
)
NEGATION = re.compile(r"^(?:no|not enough|lack of|a lack of|too little)\s", re.I)
FEELING = re.compile(
    r"^(?:fear|worry|worries|concern|concerns|anxiety|doubt|doubts|embarrassment|"
    r"stress|confusion|uncertainty|frustration)\b",
    re.IGNORECASE,
)


def is_business_outcome(outcome: str) -> bool:
    """Tell a business target ("grow bookings 30%") from a benefit to the audience."""
    first = outcome.split()[0].lower() if outcome.split() else ""
    return first in _ALL_METRIC_VERBS or bool(BUSINESS_OUTCOME.search(outcome))


def pain_theme(pain: str) -> str | None:
    """Return the positive subject behind a pain point, when one can be derived.

    "Cash flow is unpredictable" gives "predictable cash flow"; "Finance teams spend
    hours chasing late invoices" gives "chasing late invoices".
    """
    kind = text.fragment_kind(pain)
    if kind == "noun":
        if NEGATION.match(pain) or FEELING.match(pain):
            return None
        return f"fixing {pain}"
    if kind == "clause":
        subject, _, predicate = text.split_clause(pain)
    else:
        subject, predicate = "", " ".join(pain.split()[1:])
    words = predicate.split()
    while words and words[0].lower() in QUANTITY_WORDS:
        words.pop(0)
    if words and words[0].lower().endswith("ing"):
        return text.clause(" ".join(words), 5, ("for", "when", "because", "with"))
    if subject and len(words) == 1 and re.fullmatch(r"un[a-z]{4,}", words[0].lower()):
        return f"{words[0][2:].lower()} {subject.lower()}"
    return None


def pain_relief(pain: str) -> str | None:
    """Return the positive state a pain point's fix brings, when one can be derived.

    "Cash flow is unpredictable" gives "predictable cash flow"; "Finance teams spend
    hours chasing late invoices" gives "no more chasing late invoices".
    """
    theme = pain_theme(pain)
    if theme is None:
        return None
    if theme.startswith("fixing "):
        return f"no more {theme.removeprefix('fixing ')}"
    first = theme.split()[0]
    return f"no more {theme}" if first.endswith("ing") else theme


def pain_np(pain: str) -> str:
    """Return a pain point as a noun phrase that fits after "on", "about" or "of"."""
    kind = text.fragment_kind(pain)
    if kind == "verb":
        return f"having to {pain}"
    if kind == "clause":
        return f"the fact that {pain}"
    lower = pain.lower()
    if FEELING.match(pain):
        return f"the {pain}"
    if lower.startswith("no "):
        return f"having {pain}"
    if lower.startswith("not enough "):
        return f"not having {pain[4:]}"
    if lower.startswith("lack of "):
        return f"a {pain}"
    return pain


# Hiring campaigns are told by the team, partnership campaigns by existing partners.
ADVOCATES = {
    "Hiring": ("team member", "team members"),
    "Partnerships": ("partner", "partners"),
}


@dataclass(frozen=True, slots=True)
class Facts:
    """The brief's facts, cleaned, with the phrases the templates need."""

    brief_id: str
    keep: frozenset[str]
    brand: str
    site: str
    industry: str
    entity: str
    geo: str
    city: str
    is_city: bool
    offer: str
    offer_short: str
    audience: str
    audience_short: str
    audience_mid: str
    pains: tuple[str, ...]
    outcomes: tuple[str, ...]
    diffs: tuple[str, ...]
    competitors: tuple[str, ...]
    tone: str
    objective: str
    weeks: int
    start: dt.date
    end: dt.date
    budget: Decimal | None
    currency: str
    profile: vocab.IndustryProfile
    channels: tuple[str, ...]
    channels_defaulted: bool

    @property
    def customers(self) -> str:
        return self.profile.customers

    @property
    def customer(self) -> str:
        return self.profile.customer

    @property
    def b2b(self) -> bool:
        return self.profile.b2b

    @property
    def advocate(self) -> str:
        """Who tells the brand's story: a customer, a team member or a partner."""
        return ADVOCATES.get(self.objective, (self.customer, self.customers))[0]

    @property
    def advocates(self) -> str:
        return ADVOCATES.get(self.objective, (self.customer, self.customers))[1]

    @property
    def place(self) -> str:
        """Where the brand works, as it follows "in": ``Leeds``, ``the UK``."""
        return text.place_phrase(self.city) if self.city else "its market"

    @property
    def geo_phrase(self) -> str:
        """The full geography as it follows "serving": ``Leeds, UK``."""
        return text.place_phrase(self.geo) if self.geo else "its market"

    @property
    def offer_plural(self) -> bool:
        """Whether the offer reads as plural ("roles", "clear aligners")."""
        last = self.offer_short.split()[-1] if self.offer_short else ""
        return last.endswith("s") and not last.endswith(("ss", "us", "is"))

    @property
    def offer_ref(self) -> str:
        """The offer mid-sentence: ``the weekly sourdough subscription``."""
        first = self.offer_short.split()[0] if self.offer_short else ""
        if self.offer_plural or (first[:1].isupper() and first in self.keep):
            return self.offer_short
        return f"the {self.offer_short}"

    @property
    def brand_offer(self) -> str:
        """The offer with the brand: ``Kiln & Crumb's sourdough subscription``."""
        return f"{text.possessive(self.brand)} {self.offer_short}"

    @property
    def audience_outcomes(self) -> tuple[str, ...]:
        """The desired outcomes that describe a benefit to the audience."""
        return tuple(o for o in self.outcomes if not is_business_outcome(o))

    @property
    def theme(self) -> str:
        """The subject the audience cares about, as a noun phrase."""
        for outcome in self.audience_outcomes:
            kind = text.fragment_kind(outcome)
            if kind == "noun":
                return outcome
            if kind == "verb":
                return text.gerund(outcome)
        for pain in self.pains:
            theme = pain_theme(pain)
            if theme:
                return theme
        return self.offer_ref

    def benefit(self, index: int = 0) -> str:
        """What the audience gets, for "The result: …" (an outcome, else a proof)."""
        if len(self.audience_outcomes) > index:
            outcome = self.audience_outcomes[index]
            if text.fragment_kind(outcome) == "verb":
                return f"{self.audience_short} {outcome}"
            return outcome
        if self.diffs:
            return self.diffs[0]
        return f"{self.offer_ref}, done properly"

    def pain(self, index: int = 0) -> str:
        return self.pains[index % len(self.pains)]

    def pain_np(self, index: int = 0) -> str:
        return pain_np(self.pain(index))

    def outcome(self, index: int = 0) -> str:
        return self.outcomes[index % len(self.outcomes)]

    def diff(self, index: int = 0) -> str | None:
        return self.diffs[index % len(self.diffs)] if self.diffs else None

    def values(self, **extra: str) -> dict[str, str]:
        """Return the variables channel templates may use."""
        return {
            "audience": self.audience_short,
            "pain": self.pain_np(0),
            "theme": self.theme,
            "offer": self.offer_ref,
            "site": self.site,
            "brand": self.brand,
            "place": self.place,
            "customers": self.customers,
            "industry": self.industry,
            "proof": self.profile.proof[0],
            **extra,
        }


def _offer_short(offer: str) -> str:
    """The offer as a noun phrase: what it is, without who it is for or with."""
    short = text.clause(offer, 99) or offer
    for cut in ("for", "with", "that", "which", "including"):
        head = re.split(rf"\s{cut}\s", short, maxsplit=1, flags=re.IGNORECASE)[0]
        if head.strip():
            short = head.strip()
    return text.shorten(short, 7, OFFER_CUTS)


def _audience_short(audience: str) -> str:
    """The audience as a short noun phrase: who they are, without where or when."""
    short = text.clause(audience, 99) or audience
    for cut in AUDIENCE_CUTS:
        head = re.split(rf"\s{cut}\s", short, maxsplit=1, flags=re.IGNORECASE)[0]
        if head.strip():
            short = head.strip()
    return text.shorten(short, 6, AUDIENCE_CUTS)


def _site(website: str, brand: str) -> str:
    site = re.sub(r"^https?://", "", website.strip(), flags=re.IGNORECASE)
    site = re.sub(r"^www\.", "", site, flags=re.IGNORECASE).rstrip("/")
    return site or brand


def _objective(value: str) -> str:
    for objective in OBJECTIVES:
        if value.strip().lower() == objective.lower():
            return objective
    return "Awareness"


def facts_from(brief: BriefContext) -> Facts:
    """Clean the brief and derive the phrases the templates use."""
    brand = text.clean(brief.brand) or "The brand"
    geo = text.clean(brief.geography)
    fields = (
        brief.primary_offer, brief.target_audience, brief.industry, brief.tone,
        *brief.pain_points, *brief.desired_outcomes, *brief.differentiators,
    )  # fmt: skip
    # Brand words stay out: "BrightSmile Dental" must not capitalise "Dental clinic".
    keep = text.proper_words(geo, *brief.competitors) | text.mid_caps(fields)
    profile = vocab.industry_profile(brief.industry, brief.primary_offer)
    # Only a place or a name written mid-phrase keeps its capital in the industry: a
    # competitor called "Capital Dental Group" must not make it "Dental clinic".
    industry_keep = text.proper_words(geo) | text.mid_caps([brief.industry])
    industry = text.lower_first(text.clean(brief.industry), industry_keep) or "business"
    last = industry.split()[-1].lower()
    entity = industry if last in vocab.ENTITY_NOUNS else f"{industry} {profile.entity}"
    offer = text.lower_first(text.clean(brief.primary_offer), keep)
    offer_short = text.strip_article(_offer_short(offer))
    audience = text.lower_first(text.clean(brief.target_audience), keep)
    audience_short = _audience_short(audience)
    audience_mid = text.clause(audience, 9, AUDIENCE_CUTS[:5]) or audience_short
    pains = tuple(text.lower_first(p, keep) for p in text.clean_all(brief.pain_points))
    outcomes = tuple(
        text.lower_first(o, keep) for o in text.clean_all(brief.desired_outcomes)
    )
    diffs = tuple(
        text.lower_first(d, keep) for d in text.clean_all(brief.differentiators)
    )
    city = geo.split(",")[0].strip() if geo else ""
    if GLOBAL_PLACES.search(geo):
        city = ""
    channels = text.clean_all(brief.channels)
    weeks = max(1, brief.duration_weeks)
    return Facts(
        brief_id=brief.brief_id,
        keep=keep,
        brand=brand,
        site=_site(brief.website, brand),
        industry=industry,
        entity=entity,
        geo=geo,
        city=city,
        is_city="," in geo and bool(city),
        offer=offer or f"{brand}'s services",
        offer_short=offer_short or "core service",
        audience=audience or profile.customers,
        audience_short=audience_short or profile.customers,
        audience_mid=audience_mid or profile.customers,
        pains=pains or (f"finding {text.a_an(entity)} they can rely on",),
        outcomes=outcomes or (f"{offer_short or 'a service'} that fits their needs",),
        diffs=diffs,
        competitors=text.clean_all(brief.competitors),
        tone=text.lower_first(text.clean(brief.tone), keep) or "clear and confident",
        objective=_objective(brief.objective),
        weeks=weeks,
        start=brief.start_date,
        end=brief.start_date + dt.timedelta(days=weeks * 7 - 1),
        budget=brief.budget_amount if brief.budget_amount else None,
        currency=(brief.budget_currency or "USD").upper(),
        profile=profile,
        channels=channels or profile.default_channels,
        channels_defaulted=not channels,
    )


def long_date(value: dt.date) -> str:
    """Return ``11 January 2027``."""
    return f"{value.day} {value:%B %Y}"


NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight")


def count_word(number: int) -> str:
    """Return small numbers as words, as house style wants at a sentence start."""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)
