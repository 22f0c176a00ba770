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

# Engagement calls by post type, then the general ones; {brand}, {name} filled.
ENGAGE_BY_TYPE: dict[str, str] = {
    "checklist": "Tell {brand} in the comments which one sounds like you",
    "comparison": "Tell {brand} in the comments which one sounds like your week",
    "faq": "Ask {brand} your own question in the comments",
    "myth": "Ask {brand} about any other myth you have heard, in the comments",
    "tip": "Save this tip from {brand} for later",
    "key_date": "Save the date and follow {brand} for a reminder",
    "behind_the_scenes": "Follow {brand} to see more of the team at work",
    "story": "Follow {brand} for more stories like this one",
}
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
# The direct ask of each objective, once its conversion path is live; {link} is the
# platform's link phrase.
CONVERT_CALLS: dict[str, tuple[str, ...]] = {
    "Sales": ("Start {name} {link}", "Get {name} {link}"),
    "Leads": ("Book {name} {link}", "Enquire about {name} {link}"),
    "Hiring": ("Apply for {name} {link}", "See the open roles at {brand} {link}"),
    "Retention": (
        "Log in {link} to get more from {name}",
        "Refer a friend to {brand} {link}",
    ),
    "Partnerships": ("Book a partner call with {brand} {link}",),
    "Awareness": VISIT_CALLS,
}
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
