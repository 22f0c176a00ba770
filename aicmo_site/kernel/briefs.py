"""The normalized brief as every app reads it: the project's published language.

Onboarding produces it; strategy, production, qc and delivery consume it. It lives
in the kernel so that business apps share one definition without importing each other
(see docs/decisions/0002-brief-context-in-kernel.md).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

OBJECTIVES = ("Awareness", "Leads", "Sales", "Hiring", "Partnerships", "Retention")


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefContext:
    """A validated, normalized client brief.

    Every text field is trimmed and non-empty unless typed optional; tuples keep the
    client's order. ``channels`` hold canonical names ("Instagram", "Email"…).
    ``start_date`` is always set (defaulted by onboarding) so that generated calendars
    are deterministic for a given brief.
    """

    brief_id: str
    client_id: str
    brand: str
    website: str
    industry: str
    geography: str
    primary_offer: str
    objective: str
    target_audience: str
    pain_points: tuple[str, ...]
    desired_outcomes: tuple[str, ...]
    pack: str
    channels: tuple[str, ...]
    tone: str
    banned_words: tuple[str, ...]
    competitors: tuple[str, ...]
    differentiators: tuple[str, ...]
    budget_amount: Decimal | None
    budget_currency: str | None
    duration_weeks: int
    start_date: dt.date
    warnings: tuple[str, ...] = ()
