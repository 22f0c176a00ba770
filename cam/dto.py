"""Public data of client acquisition: campaigns, leads, deals, suppressions, outreach.

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


class SuppressionReason(StrEnum):
    """Why an address must not be contacted."""

    UNSUBSCRIBED = "UNSUBSCRIBED"
    DO_NOT_CONTACT = "DO_NOT_CONTACT"
    BOUNCED = "BOUNCED"
    COMPLAINED = "COMPLAINED"


class QualificationCode(StrEnum):
    """Why qualification rejected a lead (LOST) or sent it to MANUAL_REVIEW.

    Rejections: INVALID_EMAIL, SUPPRESSED, COMPETITOR_DOMAIN, ROLE_ACCOUNT.
    Borderline (review): FREE_MAIL_DOMAIN, MISSING_COMPANY, LOW_GRADE.
    """

    INVALID_EMAIL = "INVALID_EMAIL"
    SUPPRESSED = "SUPPRESSED"
    COMPETITOR_DOMAIN = "COMPETITOR_DOMAIN"
    ROLE_ACCOUNT = "ROLE_ACCOUNT"
    FREE_MAIL_DOMAIN = "FREE_MAIL_DOMAIN"
    MISSING_COMPANY = "MISSING_COMPANY"
    LOW_GRADE = "LOW_GRADE"


class QualificationOutcome(StrEnum):
    """What qualifying a lead did.

    QUALIFIED, MANUAL_REVIEW and LOST name the lead's new (or kept) status; PASSED
    means the lead passed every check but is not yet at a stage from which it may be
    QUALIFIED (or was put in review by a person). Its status did not change, unless it
    was in a review qualification opened: then it went back to the status it had
    before the review (``moved`` True).
    """

    QUALIFIED = "QUALIFIED"
    PASSED = "PASSED"
    MANUAL_REVIEW = "MANUAL_REVIEW"
    LOST = "LOST"


class OutreachChannel(StrEnum):
    """Where an outreach message goes."""

    EMAIL = "EMAIL"
    LINKEDIN = "LINKEDIN"


class OutreachAttemptStatus(StrEnum):
    """A planned message's state: a simulated proof, queued for delivery, cancelled."""

    PROOF_SENT = "PROOF_SENT"
    QUEUED = "QUEUED"
    CANCELLED = "CANCELLED"


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
    competitor_domains: tuple[str, ...]
    daily_send_cap: int
    send_timezone: str
    send_window_start: dt.time
    send_window_end: dt.time
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class LeadData:
    """A lead of a campaign, with its score and, once ROUTED, its signed deal.

    Scores are ``Decimal`` with four places. ``contract_value``, ``client_email`` and
    ``closed_at`` are set exactly when the lead is ROUTED by a closed deal.
    ``review_codes`` say why qualification holds the lead in MANUAL_REVIEW (empty
    otherwise); ``lost_reason_code`` names the rule that rejected it (None when a
    person marked it LOST).
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
    review_codes: tuple[QualificationCode, ...]
    lost_reason: str
    lost_reason_code: QualificationCode | None
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


@dataclass(frozen=True, slots=True, kw_only=True)
class QualificationReason:
    """One finding of qualification: a stable code and a sentence for a person."""

    code: QualificationCode
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class LeadQualification:
    """The verdict on a lead and what it did (``moved``: the status changed)."""

    outcome: QualificationOutcome
    moved: bool
    reasons: tuple[QualificationReason, ...]
    lead: LeadData


@dataclass(frozen=True, slots=True, kw_only=True)
class SuppressionData:
    """An address not to contact; ``campaign_id`` None means every campaign."""

    id: str
    email: str
    reason: SuppressionReason
    campaign_id: str | None
    note: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SuppressionAddResult:
    """The outcome of adding a suppression: ``created`` is False when it existed.

    ``cancelled_attempts`` counts the QUEUED outreach attempts it cancelled.
    """

    created: bool
    suppression: SuppressionData
    cancelled_attempts: int


@dataclass(frozen=True, slots=True, kw_only=True)
class OutreachMessageData:
    """One message of an outreach plan, with its send time (UTC) and send day.

    ``send_date`` is the day in the campaign's time zone; ``subject`` is empty for
    LinkedIn messages.
    """

    id: str
    position: int
    channel: OutreachChannel
    step: str
    subject: str
    body: str
    scheduled_for: dt.datetime
    send_date: dt.date
    status: OutreachAttemptStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class OutreachPlanData:
    """A lead's outreach plan: its messages in send order per channel."""

    id: str
    lead_id: str
    campaign_id: str
    mode: CampaignMode
    timezone: str
    starts_after: dt.datetime
    messages: tuple[OutreachMessageData, ...]
    created_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class OutreachPlanResult:
    """The outcome of planning outreach: ``created`` is False for an existing plan."""

    created: bool
    plan: OutreachPlanData


@dataclass(frozen=True, slots=True, kw_only=True)
class LeadImportResult:
    """The outcome of a lead import (every row valid, or nothing stored).

    ``created`` lists the new leads' ids in file order; ``skipped`` maps the line of
    each row whose email already belonged to one of the campaign's leads to that
    lead's id.
    """

    campaign_id: str
    created: tuple[str, ...]
    skipped: tuple[tuple[int, str], ...]
