"""The brief, cleaned and phrased so that templates can use it inside sentences."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from aicmo_site.kernel.briefs import OBJECTIVES, BriefContext
from aicmo_site.writing import text, vocab
from aicmo_site.writing.playbooks import Playbook, playbook_for

AUDIENCE_CUTS = (
    "who", "that", "looking", "seeking", "wanting", "aged", "in", "across", "at",
    "with", "from", "within", "near",
)  # fmt: skip
# Where the offer's own noun phrase ends and what it comes with begins: "seasonal
# tasting menu | with produce from farms", "free flu jab | at any city pharmacy".
# Never "plus" or "and": those join two parts of the offer ("assessment plus a
# personalised study plan").
OFFER_CUTS = ("for", "with", "at", "that", "which", "including")
# A product name ends before its terms: "Roaster's Choice Subscription: first bag…".
PRODUCT_NAME_BREAK = re.compile(r":| - | – | — ")
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
    offer_name: str
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
    profile: Playbook
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
        """The offer with the brand: ``Kiln & Crumb's sourdough subscription``.

        An offer that already carries the brand's name ("Roaster's Choice
        Subscription") is a name of its own: it is not given the brand twice.
        """
        if _names_brand(self.offer_short, self.brand):
            return self.offer_short
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

    def in_sentence(self, phrase: str) -> str:
        """Return ``phrase`` for use mid-sentence, keeping the client's names.

        "Qualified enquiries" becomes "qualified enquiries"; "Roaster's Choice
        Subscription orders" keeps its capitals.
        """
        return _case(phrase, self.keep, self.brand)

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
            "partners": self.profile.partners,
            "partner_kit": self.profile.partner_kit,
            **extra,
        }


def _offer_short(offer: str) -> str:
    """The offer as a noun phrase: what it is, without who it is for or with.

    The phrase is the offer's leading clause, cut only before "for", "with" and the
    like; it is never cut to a word count, so it never ends half-way through a phrase
    ("assessment plus").
    """
    short = text.lead(offer) or offer
    for cut in OFFER_CUTS:
        head, found, _ = _split_at(short, cut)
        if found and head and head.split()[-1].lower() not in text.JOINING_WORDS:
            short = head
    return short


def _offer_name(offer: str, offer_short: str) -> str:
    """The shortest whole name of the offer, for titles and hashtags.

    A product name written before its terms ("Roaster's Choice Subscription: first bag
    50% off") is the name; else the first part of an offer made of two ("free GCSE
    diagnostic assessment | plus a study plan"); else the offer's noun phrase.
    """
    named = PRODUCT_NAME_BREAK.split(offer, maxsplit=1)
    if len(named) > 1 and 0 < len(named[0].split()) <= 6:
        return text.strip_article(named[0].strip())
    head, found, _ = _split_at(offer_short, "plus")
    if found and len(head.split()) >= 2:
        return head
    return offer_short


def _split_at(phrase: str, word: str) -> tuple[str, bool, str]:
    pieces = re.split(rf"\s{word}\s", phrase, maxsplit=1, flags=re.IGNORECASE)
    if len(pieces) == 1:
        return phrase, False, ""
    return pieces[0].strip(), True, pieces[1].strip()


def _audience_short(audience: str, cuts: tuple[str, ...]) -> str:
    """The audience as a noun phrase: who they are, without where or when.

    Every group the brief names stays: "Home coffee lovers aged 25-45 and remote
    workers" is not cut at "aged", since that would drop the remote workers. An age
    that defines a group inside the phrase stays too ("parents of children aged 2-3").
    """
    short = text.lead(audience) or audience
    for cut in cuts:
        head, found, rest = _split_at(short, cut)
        if not found or not head:
            continue
        if cut == "aged" and re.search(r"\sof\s", f" {head} "):
            continue
        if re.search(r",|\s(?:and|or|plus|&)\s", f" {rest} "):
            continue
        if head.split()[-1].lower() in text.JOINING_WORDS:
            continue
        short = head
    return short


def _names_brand(phrase: str, brand: str) -> bool:
    """Whether ``phrase`` opens with the brand's name ("Roaster's Choice …")."""

    def bare(value: str) -> str:
        return re.sub(r"['’]s?\b", "", value).casefold()

    return bool(brand) and bare(phrase).startswith(bare(brand))


def _case(value: str, keep: frozenset[str], brand: str) -> str:
    """Lower-case a brief phrase's first word for use mid-sentence, unless it names.

    The client's casing of a name stays: a phrase that opens with the brand, or
    with two capitalised words ("Roaster's Choice Subscription"), keeps its capital;
    a common first word ("Free", "Parents") is lowered.
    """
    words = value.split()
    if _names_brand(value, brand):
        return value
    if (
        len(words) > 1
        and words[0][-1] not in ",;:"
        and _name_word(words[0])
        and _name_word(words[1])
    ):
        return value
    return text.lower_first(value, keep)


def _name_word(word: str) -> bool:
    """Whether ``word`` is written as a name: a capital, then lower-case letters."""
    return word[:1].isupper() and any(ch.islower() for ch in word[1:])


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
    profile = playbook_for(brief)
    # Only a place or a name written mid-phrase keeps its capital in the industry: a
    # competitor called "Capital Dental Group" must not make it "Dental clinic".
    industry_keep = text.proper_words(geo) | text.mid_caps([brief.industry])
    industry = text.lower_first(text.clean(brief.industry), industry_keep) or "business"
    last = industry.split()[-1].lower()
    entity = industry if last in vocab.ENTITY_NOUNS else f"{industry} {profile.entity}"
    offer = _case(text.clean(brief.primary_offer), keep, brand)
    offer_short = text.strip_article(_offer_short(offer))
    audience = _case(text.clean(brief.target_audience), keep, brand)
    audience_short = _audience_short(audience, AUDIENCE_CUTS)
    audience_mid = _audience_short(audience, AUDIENCE_CUTS[:5])
    pains = tuple(_case(p, keep, brand) for p in text.clean_all(brief.pain_points))
    outcomes = tuple(
        _case(o, keep, brand) for o in text.clean_all(brief.desired_outcomes)
    )
    diffs = tuple(_case(d, keep, brand) for d in text.clean_all(brief.differentiators))
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
        offer_name=_offer_name(offer, offer_short) if offer_short else "core service",
        audience=audience or profile.customers,
        audience_short=audience_short or profile.customers,
        audience_mid=audience_mid or profile.customers,
        pains=pains or (f"finding {text.a_an(entity)} they can rely on",),
        outcomes=outcomes or (f"{offer_short or 'a service'} that fits their needs",),
        diffs=diffs,
        competitors=text.clean_all(brief.competitors),
        tone=_case(text.clean(brief.tone), keep, brand) or "clear and confident",
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
