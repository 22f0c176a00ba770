"""Public data of client acquisition: campaigns, leads and signed deals.

Standard library only. Statuses, modes and grades are ``StrEnum`` members whose values
are the stored, upper-case names (``"ACTIVE"``, ``"QUALIFIED"``, ``"A"``).
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class CampaignStatus(StrEnum):
    """Where a campaign stands: ACTIVE and PAUSED swap; COMPLETED is final."""

    ACTIVE = "ACTIVE"
    PAUSED = "PAUSED"
    COMPLETED = "COMPLETED"


class CampaignMode(StrEnum):
    """Whether a campaign only simulates outreach or runs it for real."""

    SIMULATION = "SIMULATION"
    LIVE = "LIVE"


class LeadStatus(StrEnum):
    """A lead's place in the funnel; ROUTED and LOST are final."""

    NEW = "NEW"
    ENRICHED = "ENRICHED"
    CONTACTED = "CONTACTED"
    REPLIED = "REPLIED"
    QUALIFIED = "QUALIFIED"
    ROUTED = "ROUTED"
    LOST = "LOST"
    MANUAL_REVIEW = "MANUAL_REVIEW"


class LeadGrade(StrEnum):
    """A lead's grade from its fit score and conversion probability; A is best."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


@dataclass(frozen=True, slots=True, kw_only=True)
class CampaignData:
    """A client-acquisition campaign."""

    id: str
    name: str
    niche: str
    offer: str
    target_clients: int
    target_monthly_revenue: Decimal | None
    status: CampaignStatus
    mode: CampaignMode
    banned_words: tuple[str, ...]
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class LeadData:
    """A lead of a campaign, with its score and, once ROUTED, its signed deal.

    Scores are ``Decimal`` with four places. ``contract_value``, ``client_email`` and
    ``closed_at`` are set exactly when the lead is ROUTED by a closed deal.
    """

    id: str
    campaign_id: str
    name: str
    email: str
    normalized_email: str
    company: str
    role: str
    source: str
    base_score: Decimal
    budget_known: bool
    has_timeline: bool
    pain_points: str
    engagement: Decimal
    fit_score: Decimal
    conversion_probability: Decimal
    grade: LeadGrade
    status: LeadStatus
    review_reasons: tuple[str, ...]
    lost_reason: str
    contract_value: Decimal | None
    client_email: str | None
    closed_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class LeadIngestResult:
    """The outcome of ingesting a lead: ``created`` is False for a duplicate email."""

    created: bool
    lead: LeadData
