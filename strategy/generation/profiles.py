"""What the strategy generator knows about channels and budgets.

The rules here are planning heuristics an agency strategist would apply: which channels
carry which objective, what each channel is for, and what a channel costs relative to
the others. Sectors and channel families are shared vocabulary
(``aicmo_site.writing.vocab``); the objectives are the brief's own
(``aicmo_site.kernel.briefs``). What a channel's spend buys (its CPM or CPC, response
and conversion rates) lives with the budget arithmetic both apps share
(``aicmo_site.writing.budget``), so the plan and the package state the same rates.
"""

from dataclasses import dataclass, field

from aicmo_site.kernel.briefs import OBJECTIVES
from aicmo_site.writing import budget


@dataclass(frozen=True, slots=True)
class ChannelProfile:
    """A channel's role, its relative weight per objective and its native tactics.

    ``key`` is the channel family (``aicmo_site.writing.vocab.CHANNEL_FAMILIES``).
    Templates take ``{channel}``, ``{audience}``, ``{pain}`` (a noun phrase),
    ``{theme}`` (the subject the audience cares about), ``{offer}``, ``{site}``,
    ``{brand}``, ``{place}``, ``{customers}``, ``{industry}`` and ``{proof}``.
    """

    key: str
    kind: str
    weights: dict[str, float]
    role: str
    tactics: tuple[str, ...]
    objective_tactics: dict[str, str] = field(default_factory=dict)

    @property
    def rates(self) -> budget.ChannelRates:
        """The stated rates that turn this channel's spend into results."""
        return budget.RATES.get(self.key, budget.GENERIC_RATES)


def _w(aw: float, le: float, sa: float, hi: float, pa: float, re_: float) -> dict:
    return dict(zip(OBJECTIVES, (aw, le, sa, hi, pa, re_), strict=True))


CHANNELS: tuple[ChannelProfile, ...] = (
    ChannelProfile(
        key="instagram",
        kind="social",
        weights=_w(1.3, 1.0, 1.2, 0.7, 0.6, 0.9),
        role="{channel} is where {audience} discover brands visually and save what "
        "they want to come back to",
        tactics=(
            "Reels that open on {pain} and show the fix within five seconds",
            "Carousel guides on {theme} that people save and share",
            "Stories with polls and question stickers that ask {audience} what they "
            "need next",
        ),
        objective_tactics={
            "Awareness": "Reach campaigns behind the best Reels, aimed at lookalikes "
            "of current {customers} in {place}",
            "Leads": "Lead-form ads and a link-in-bio landing page for {offer}",
            "Sales": "Shoppable posts, plus retargeting ads to recent profile visitors",
            "Hiring": "Team takeovers in Stories that show a real day at {brand}",
            "Partnerships": "Collab posts with partner accounts to share audiences",
            "Retention": "Close Friends stories that give existing {customers} early "
            "access",
        },
    ),
    ChannelProfile(
        key="facebook",
        kind="social",
        weights=_w(1.1, 1.1, 1.2, 0.8, 0.5, 1.0),
        role="{channel} offers the widest paid reach in {place}, with precise local "
        "and interest targeting",
        tactics=(
            "Short videos and photo posts that answer the questions {audience} ask "
            "most",
            "Local awareness ads within a tight radius of {place}",
            "Same-day replies to comments, so questions turn into conversations",
        ),
        objective_tactics={
            "Awareness": "Video-view campaigns, then retargeting of people who watched "
            "half a video",
            "Leads": "Instant-form lead ads with two qualifying questions about "
            "{offer}",
            "Sales": "Advantage+ catalogue or conversion campaigns pointed at {site}",
            "Hiring": "Job posts boosted to people in {place} who match the role",
            "Partnerships": "Posts in local and industry groups, where group rules "
            "allow",
            "Retention": "Custom-audience ads that bring lapsed {customers} back",
        },
    ),
    ChannelProfile(
        key="linkedin",
        kind="social",
        weights=_w(0.9, 1.4, 0.8, 1.6, 1.6, 0.6),
        role="{channel} is where decision-makers check who they are about to work with",
        tactics=(
            "Founder and team posts with a clear point of view on {pain}",
            "Document carousels that turn {theme} into a step-by-step playbook",
            "Comments on posts by the {customers} and partners {brand} wants to reach",
        ),
        objective_tactics={
            "Awareness": "Thought-leadership ads from the founder's profile",
            "Leads": "Lead Gen Form ads offering a practical guide to {theme}",
            "Sales": "Conversation ads to the job titles that buy {offer}",
            "Hiring": "Life-page content and job ads targeted by skill and seniority",
            "Partnerships": "Personal outreach to a shortlist of partner companies, "
            "backed by case-study posts",
            "Retention": "Spotlight posts that tag and thank existing {customers}",
        },
    ),
    ChannelProfile(
        key="tiktok",
        kind="social",
        weights=_w(1.5, 0.8, 1.0, 0.9, 0.4, 0.6),
        role="{channel} sells attention at the lowest cost available, and it is where "
        "new brands get found",
        tactics=(
            "Native, unpolished videos showing {proof}",
            "Myth-busting videos on {pain}, answered in under 30 seconds",
            "Video replies to comments, so every question becomes a new post",
        ),
        objective_tactics={
            "Awareness": "Spark Ads on organic videos that beat average watch time",
            "Leads": "Lead-generation ads pointing to a short form about {offer}",
            "Sales": "Spark Ads with a clear product moment and a link to {site}",
            "Hiring": "Team-made videos about working at {brand}",
            "Partnerships": "Duets and stitches with partner creators",
            "Retention": "Tips that help existing {customers} get more from {offer}",
        },
    ),
    ChannelProfile(
        key="x",
        kind="social",
        weights=_w(0.8, 0.6, 0.5, 0.6, 0.8, 0.5),
        role="{channel} is the home of fast conversation with journalists, peers and "
        "the most vocal {customers}",
        tactics=(
            "Short threads that unpack {pain} and how to fix it",
            "Timely replies to industry conversations about {industry}",
            "Polls that turn audience opinion into content ideas",
        ),
        objective_tactics={
            "Awareness": "Promoted posts behind the two best-performing threads",
            "Leads": "Threads that end with a link to a practical guide to {theme}",
            "Sales": "Announcements with a direct link to {site}",
            "Hiring": "Role announcements shared by the team",
            "Partnerships": "Public shout-outs and joint threads with partners",
            "Retention": "Fast, public answers to customer questions",
        },
    ),
    ChannelProfile(
        key="youtube",
        kind="video",
        weights=_w(1.4, 0.8, 0.9, 0.8, 0.6, 0.7),
        role="{channel} is search-led video that keeps answering questions long after "
        "it is posted",
        tactics=(
            "Explainer videos that answer the searches {audience} make about {pain}",
            "Shorts cut from longer videos to feed discovery",
            "A playlist that walks a new viewer from the problem to {offer}",
        ),
        objective_tactics={
            "Awareness": "In-stream ads on the brand film, aimed at {audience} in "
            "{place}",
            "Leads": "Descriptions and end screens that link to an enquiry page",
            "Sales": "Product demonstration videos with links to {site}",
            "Hiring": "A 'meet the team' video for the careers page",
            "Partnerships": "Videos co-hosted with partners",
            "Retention": "How-to videos that help {customers} get more from {offer}",
        },
    ),
    ChannelProfile(
        key="pinterest",
        kind="social",
        weights=_w(0.9, 0.6, 1.0, 0.2, 0.3, 0.5),
        role="{channel} is where {audience} plan, saving ideas before they spend",
        tactics=(
            "Idea pins that show {theme} step by step",
            "Keyword-rich boards that match what {audience} search for",
            "Fresh pins every week linking to {site}",
        ),
        objective_tactics={
            "Awareness": "Promoted pins on the most-saved boards",
            "Leads": "Pins linking to a downloadable guide",
            "Sales": "Product pins with shopping tags",
            "Hiring": "A careers board showing life at {brand}",
            "Partnerships": "Group boards with partner brands",
            "Retention": "Boards of ideas for existing {customers}",
        },
    ),
    ChannelProfile(
        key="threads",
        kind="social",
        weights=_w(0.7, 0.5, 0.5, 0.5, 0.6, 0.6),
        role="{channel} extends Instagram conversations, with organic reach still "
        "available",
        tactics=(
            "Conversation starters about {pain}",
            "Behind-the-scenes notes that show the people at {brand}",
            "Replies that carry Instagram conversations further",
        ),
    ),
    ChannelProfile(
        key="email",
        kind="email",
        weights=_w(0.2, 0.6, 0.5, 0.3, 0.5, 1.4),
        role="{channel} is the one channel {brand} owns outright, where interest "
        "turns into action",
        tactics=(
            "A weekly newsletter built from the best-performing social content",
            "A welcome sequence that introduces {offer} to new subscribers, one "
            "question at a time",
            "Segmented sends based on what each reader clicked",
        ),
        objective_tactics={
            "Awareness": "A sign-up incentive on {site}, so new audiences are kept",
            "Leads": "A five-email nurture sequence that ends with an invitation to "
            "enquire",
            "Sales": "Launch, reminder and last-chance emails for {offer}",
            "Hiring": "A talent newsletter for people who are interested but not "
            "ready yet",
            "Partnerships": "A short update for {partners} with results and the "
            "{partner_kit}",
            "Retention": "Win-back, referral and renewal flows for existing "
            "{customers}",
        },
    ),
    ChannelProfile(
        key="search",
        kind="search",
        weights=_w(0.7, 1.6, 1.6, 0.9, 0.4, 0.4),
        role="{channel} reaches people at the moment they search for what {brand} "
        "sells",
        tactics=(
            "Tightly themed ad groups for searches about {offer} in {place}",
            "Negative keywords that keep spend off irrelevant searches",
            "Landing pages that repeat the searcher's words in the headline",
        ),
        objective_tactics={
            "Awareness": "Broad-match campaigns on category terms with a capped budget",
            "Leads": "Call and form extensions that make enquiring one tap away",
            "Sales": "Shopping or Performance Max campaigns with a target ROAS",
            "Hiring": "Search ads on role and location searches",
            "Partnerships": "Ads on searches for partner programmes in {industry}",
            "Retention": "Brand-term campaigns that protect {brand} from competitors",
        },
    ),
    ChannelProfile(
        key="seo",
        kind="web",
        weights=_w(0.7, 1.0, 0.9, 0.5, 0.5, 0.5),
        role="{channel} builds compounding traffic from the questions {audience} type "
        "into search engines",
        tactics=(
            "Two in-depth articles a month answering questions about {pain}",
            "Local SEO: a complete Google Business Profile for {place}",
            "Internal links from every article to the {offer} page",
        ),
    ),
    ChannelProfile(
        key="messaging",
        kind="messaging",
        # An owned channel converts the people the paid channels bring: its spend
        # pays for the platform and flows, so it stays a small share.
        weights=_w(0.3, 0.6, 0.5, 0.3, 0.3, 1.0),
        role="{channel} carries direct, personal messages to people who opted in",
        tactics=(
            "Opt-in broadcast lists for updates about {offer}",
            "Saved quick replies for the questions asked most often",
            "Reminder messages for bookings and orders",
        ),
    ),
    ChannelProfile(
        key="events",
        kind="offline",
        weights=_w(0.8, 1.0, 0.8, 1.0, 1.4, 0.8),
        role="{channel} build the face-to-face trust that no feed can match",
        tactics=(
            "One flagship event or webinar on {theme}",
            "Social content captured at every event",
            "Follow-up emails within 48 hours of each event",
        ),
        objective_tactics={
            "Awareness": "A stand or pop-up where {audience} already gather in {place}",
            "Leads": "A sign-up form at every event, with a follow-up call within "
            "two working days",
            "Sales": "Event-only offers on {offer}, redeemed with a code",
            "Hiring": "Open days and careers fairs with interviews on the spot",
            "Partnerships": "Trade fairs and industry events with meetings booked "
            "before the doors open",
            "Retention": "Member and customer evenings for existing {customers}",
        },
    ),
    ChannelProfile(
        key="sms",
        kind="messaging",
        weights=_w(0.3, 0.6, 0.5, 0.4, 0.2, 1.0),
        role="{channel} reaches people who opted in on any phone, and is read within "
        "minutes",
        tactics=(
            "Short reminders with one link and a clear date",
            "Opt-in at every sign-up form, with a reply STOP to leave",
            "Messages sent in working hours, never more than one a week",
        ),
        objective_tactics={
            "Awareness": "One message per key date, saying where and when",
            "Leads": "A text to book, answered by a person within one working day",
            "Sales": "A code for {offer} sent to opted-in {customers}",
            "Hiring": "Interview reminders and confirmations by text",
            "Partnerships": "Event and meeting reminders for partners who opted in",
            "Retention": "Renewal and rebooking reminders for existing {customers}",
        },
    ),
    ChannelProfile(
        key="nextdoor",
        kind="social",
        weights=_w(1.0, 1.1, 0.8, 0.6, 0.4, 0.8),
        role="{channel} is where neighbours in {place} ask each other who to trust",
        tactics=(
            "A complete business page with recommendations from {customers}",
            "Replies to neighbours' questions about {theme}",
            "Local deals and event posts for the streets {brand} serves",
        ),
        objective_tactics={
            "Awareness": "Sponsored posts to the neighbourhoods around {place}",
            "Leads": "Local deals with a simple way to book or enquire",
            "Sales": "A neighbours-only offer on {offer}",
            "Hiring": "Job posts for people who live nearby",
            "Partnerships": "Posts with other local businesses and groups",
            "Retention": "Thank-you posts that invite recommendations",
        },
    ),
    ChannelProfile(
        key="print",
        kind="print",
        weights=_w(0.7, 0.6, 0.5, 0.3, 0.3, 0.5),
        role="{channel} puts {brand} in front of people away from the feed, at home "
        "and in the places they pass",
        tactics=(
            "Leaflets and posters with one message, one date and a short web address",
            "A QR code and a tracked URL on every piece, so responses are counted",
            "Distribution where {audience} already are in {place}",
        ),
        objective_tactics={
            "Awareness": "Posters in high-footfall places, refreshed halfway through",
            "Leads": "A tear-off or QR code that goes straight to the enquiry form",
            "Sales": "A printed code for {offer} that is only on paper",
            "Hiring": "Posters where candidates live and travel",
            "Partnerships": "A printed partner pack to leave after meetings",
            "Retention": "A thank-you card in every order or visit",
        },
    ),
    ChannelProfile(
        key="podcast",
        kind="audio",
        weights=_w(0.8, 0.6, 0.4, 0.4, 0.6, 0.3),
        role="{channel} borrows a host's trust with listeners who skip most ads",
        tactics=(
            "Host-read spots on shows {audience} already listen to",
            "A guest appearance where {brand} talks about {theme}",
            "A listener-only code or web address, so each show's results are counted",
        ),
        objective_tactics={
            "Awareness": "A run of host-read spots on two or three well-matched shows",
            "Leads": "A host-read offer that points to a short enquiry page",
            "Sales": "A listener code for {offer}",
            "Hiring": "A guest spot on an industry show about working at {brand}",
            "Partnerships": "Co-hosted episodes with partners",
            "Retention": "A short series that helps existing {customers} get more "
            "from {offer}",
        },
    ),
)

_GENERIC_CHANNEL_WEIGHTS = _w(0.8, 0.8, 0.8, 0.8, 0.8, 0.8)

OBJECTIVE_TACTICS = {
    "Awareness": "Weekly posts from the {pillar} pillar to build recognition",
    "Leads": "A clear enquiry path to {site} in every post about {offer}",
    "Sales": "Content that ends with a direct route to buy {offer}",
    "Hiring": "Posts about life at {brand} that point to the open roles",
    "Partnerships": "Case-study content that shows partners what {brand} brings",
    "Retention": "Content that helps existing {customers} get more from {offer}",
}


_PROFILE_BY_FAMILY = {profile.key: profile for profile in CHANNELS}


def channel_profile(name: str) -> ChannelProfile | None:
    """Return the profile for a channel name, or None for a channel without one."""
    return _PROFILE_BY_FAMILY.get(budget.channel_key(name) or "")


def channel_weight(name: str, objective: str, b2b: bool) -> float:
    """Return the channel's relative budget weight for the objective."""
    profile = channel_profile(name)
    weights = profile.weights if profile else _GENERIC_CHANNEL_WEIGHTS
    weight = weights.get(objective, 0.8)
    key = profile.key if profile else ""
    if b2b and key == "linkedin":
        weight *= 1.25
    if b2b and key in {"tiktok", "pinterest", "instagram"}:
        weight *= 0.7
    return weight


# Rough planning rates to US dollars, shared with the budget arithmetic.
USD_RATES = budget.USD_RATES
