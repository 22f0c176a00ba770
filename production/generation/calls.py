"""Calls to action that the campaign can keep: each asks only for what is live.

A call to action needs something to exist: "follow" and "reply" need nothing, a link
to the site needs tracking (the week-1 measurement milestone), and "book", "order",
"apply" or "start" need the conversion path (a landing page, a form, checkout). The
strategy dates both (``strategy.generation.planning.build_milestones``); a post
before a milestone never asks for what it delivers. Every call names the brand or
the offer, so no two clients share one.
"""

import datetime as dt
import re
from dataclasses import dataclass

from production.dto import StrategyInput

# "Conversion path live", "Lead capture live", "Application path live", …
_CONVERSION = re.compile(
    r"\b(?:path|capture|flows?|page|form|checkout|booking)\s+live\b", re.IGNORECASE
)
_TRACKING = re.compile(r"\btracking live\b|\bmeasurement set-?up\b", re.IGNORECASE)

ENGAGE = "engage"
CONTACT = "contact"
VISIT = "visit"
CONVERT = "convert"

# Engagement calls by post type, or by move where a type's moves differ, then the
# general ones; {brand}, {name} filled. A checklist of situations asks which one
# sounds like the reader; a checklist of what the offer includes asks which matters.
ENGAGE_BY_TYPE: dict[str, str] = {
    "checklist_signs": "Tell {brand} in the comments which one sounds like you",
    "checklist_includes": "Tell {brand} in the comments which of these matters most",
    "comparison": "Tell {brand} in the comments which one sounds like your week",
    "pain_poll": "Tell {brand} in the comments whether this sounds like you",
    "faq": "Ask {brand} your own question in the comments",
    "myth": "Ask {brand} about any other myth you have heard, in the comments",
    "tip": "Save this tip from {brand} for later",
    "key_date": "Save the date and follow {brand} for a reminder",
    "behind_the_scenes": "Follow {brand} to see more of the team at work",
    "story": "Follow {brand} for more stories like this one",
}


def engage_for(move: str, kind: str) -> str | None:
    """Return the engagement call written for a post's move or type; None if none."""
    return ENGAGE_BY_TYPE.get(move, ENGAGE_BY_TYPE.get(kind))


ENGAGE_SOCIAL = (
    "Follow {brand} for the next post",
    "Share this with someone who should know about {name}",
    "Save this post about {name} for later",
)
ENGAGE_LINKEDIN = (
    "Share your view with {brand} in the comments",
    "Follow {brand} on LinkedIn for the next post",
    "Repost this for a colleague who should know about {name}",
)
CONTACT_SOCIAL = "Send {brand} a message to ask about {name}"
CONTACT_EMAIL = "Reply to this email with your questions for {brand}"
VISIT_CALLS = (
    "Read more about {name} at {site}",
    "See the details of {name} at {site}",
    "Visit {site} for everything about {name}",
)
# What an offer is, which decides the verb of its direct ask.
PRODUCT = "product"
SERVICE = "service"
SUBSCRIPTION = "subscription"
# Words of the offer that say what it is; a subscription's words win over a
# service's ("membership with coached classes" is started, not booked).
_SUBSCRIPTION_WORDS = re.compile(
    r"\b(?:(?:free\s)?trials?|subscriptions?|memberships?|software|apps?|platforms?)\b",
    re.IGNORECASE,
)
_SERVICE_WORDS = re.compile(
    r"\b(?:appointments?|sessions?|assessments?|consultations?|check-?ups?|classes|"
    r"lessons?|treatments?|jabs?|vaccinations?|tutoring|menus?|tables?|visits?|"
    r"demos?|audits?|surveys?|inspections?|repairs?|installations?)\b",
    re.IGNORECASE,
)
# What an offer is when its words do not say, by playbook family.
FAMILY_KINDS: dict[str, str] = {
    "saas": SUBSCRIPTION,
    "consumer_subscription": SUBSCRIPTION,
    "local_service": SERVICE,
    "education": SERVICE,
    "public_sector_health": SERVICE,
    "b2b_industrial": PRODUCT,
}
# The direct ask of each objective and kind of offer, once its conversion path is
# live; {link} is the platform's link phrase. A product is ordered or quoted, a
# service or appointment booked, a trial or subscription started.
_SALES_CALLS: dict[str, tuple[str, ...]] = {
    PRODUCT: ("Order {name} {link}", "Get {name} {link}"),
    SERVICE: ("Book {name} {link}", "Get {name} {link}"),
    SUBSCRIPTION: ("Start {name} {link}", "Get {name} {link}"),
}
_LEADS_CALLS: dict[str, tuple[str, ...]] = {
    PRODUCT: ("Request a quote for {name} {link}", "Enquire about {name} {link}"),
    SERVICE: ("Book {name} {link}", "Enquire about {name} {link}"),
    SUBSCRIPTION: ("Start {name} {link}", "Enquire about {name} {link}"),
}
# A B2B product is priced per order: its buyers ask for a quote before they order.
_QUOTED_SALES = ("Request a quote for {name} {link}", "Order {name} {link}")
CONVERT_CALLS: dict[str, tuple[str, ...]] = {
    "Hiring": ("Apply for {name} {link}", "See the open roles at {brand} {link}"),
    "Retention": (
        "Log in {link} to get more from {name}",
        "Refer a friend to {brand} {link}",
    ),
    "Partnerships": ("Book a partner call with {brand} {link}",),
    "Awareness": VISIT_CALLS,
}


def offer_kind(offer: str, family: str) -> str:
    """Return what ``offer`` is: ``PRODUCT``, ``SERVICE`` or ``SUBSCRIPTION``.

    The offer's own words decide first ("30-day free trial", "free first check-up"),
    then the playbook family (a B2B industrial offer is a product); an offer that
    says nothing in a family that does not either is a product.
    """
    if _SUBSCRIPTION_WORDS.search(offer):
        return SUBSCRIPTION
    if _SERVICE_WORDS.search(offer):
        return SERVICE
    return FAMILY_KINDS.get(family, PRODUCT)


def convert_calls(objective: str, offer: str, family: str) -> tuple[str, ...]:
    """Return the direct asks of ``objective`` for an offer, with verbs that fit it.

    "Order" or "Request a quote for" a product, "Book" a service, "Start" a trial
    or a subscription; {name}, {brand} and {link} are left to fill.
    """
    kind = offer_kind(offer, family)
    if objective == "Sales":
        if kind == PRODUCT and family == "b2b_industrial":
            return _QUOTED_SALES
        return _SALES_CALLS[kind]
    if objective == "Leads":
        return _LEADS_CALLS[kind]
    return CONVERT_CALLS.get(objective, VISIT_CALLS)


# A Partnerships brief with no form asks partners to get in touch.
PARTNER_CONTACTS = (
    "Message {brand} to talk about becoming one of its {partners}",
    "Ask {brand} for the {partner_kit}",
    CONTACT_SOCIAL,
)


@dataclass(frozen=True, slots=True)
class CallPlan:
    """When each kind of call may first run: the day after its milestone."""

    tracking: dt.date | None
    conversion: dt.date | None

    def allows(self, kind: str, day: dt.date) -> bool:
        """Whether a call of ``kind`` may run on ``day``."""
        if kind in (ENGAGE, CONTACT):
            return True
        if kind == VISIT:
            return self.tracking is None or day > self.tracking
        return self.conversion is not None and day > self.conversion


def call_plan(strategy: StrategyInput) -> CallPlan:
    """Read from the strategy's milestones when tracking and conversion go live.

    With no tracking milestone, links to the site may run from the start; with no
    conversion milestone, nothing asks for a form or a purchase.
    """
    tracking = next(
        (
            m.date
            for m in strategy.milestones
            if _TRACKING.search(m.title) or _TRACKING.search(m.deliverable)
        ),
        None,
    )
    conversion = next(
        (m.date for m in strategy.milestones if _CONVERSION.search(m.title)), None
    )
    return CallPlan(tracking=tracking, conversion=conversion)
