"""Strategy's public data: a versioned strategy per brief and its structured parts.

A strategy carries the executive summary, positioning, key messages, named content
pillars, KPIs (each in a funnel family, with a baseline and day-30/60/90 targets), a
channel plan whose budget shares sum to exactly 100, and dated milestones. Versions
per brief run 1, 2, 3…
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class StrategyStatus(StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    DISCARDED = "discarded"


@dataclass(frozen=True, slots=True, kw_only=True)
class KpiData:
    """A measurable target, for example 1,200 ``leads`` ``by end of week 12``.

    ``family`` places it in the funnel (Awareness, Engagement, Conversion or
    Retention). ``baseline`` is where it starts (zero for a running total of what the
    campaign brings, a planning estimate for a rate), and ``target_30d``,
    ``target_60d`` and ``target_90d`` where it should stand on those days. Strategies
    stored before these fields existed leave them empty.
    """

    name: str
    target: Decimal
    unit: str
    timeframe: str
    family: str = ""
    baseline: Decimal | None = None
    target_30d: Decimal | None = None
    target_60d: Decimal | None = None
    target_90d: Decimal | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ChannelPlanData:
    """One channel's role: its share of the budget, its tactics and why it is there."""

    channel: str
    budget_pct: int
    tactics: tuple[str, ...]
    rationale: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MilestoneData:
    """A dated checkpoint; ``week`` 1 starts on the brief's start date."""

    week: int
    date: dt.date
    title: str
    deliverable: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PillarData:
    """A named content pillar with the topics it covers."""

    name: str
    description: str
    example_topics: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class StrategyData:
    id: str
    brief_id: str
    version: int
    status: StrategyStatus
    executive_summary: str
    positioning: str
    key_messages: tuple[str, ...]
    pillars: tuple[PillarData, ...]
    kpis: tuple[KpiData, ...]
    channel_plan: tuple[ChannelPlanData, ...]
    milestones: tuple[MilestoneData, ...]
    approved_by: str | None
    approved_at: dt.datetime | None
    created_at: dt.datetime
