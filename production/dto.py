"""Production's public data: packs, content drafts and creative assets.

A draft is the written deliverable for one pack: one section per pack section, in pack
order, plus the dated posts of its calendar. ``markdown`` is the whole report. A draft's
sections can be regenerated in another variant; each regeneration is a revision. The
``…Input`` classes carry a strategy into production; orchestration maps strategy's own
DTOs onto them, so production never imports strategy.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


@dataclass(frozen=True, slots=True, kw_only=True)
class PackSectionData:
    key: str
    title: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PackData:
    """A productised offering: its sections, in the order the report shows them."""

    key: str
    label: str
    description: str
    sections: tuple[PackSectionData, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PillarInput:
    name: str
    description: str
    example_topics: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class KpiInput:
    """A strategy KPI, with its funnel family, baseline and day-30/60/90 targets.

    When the strategy leaves those optional fields empty, production derives them
    from the name, target and campaign length.
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
class ChannelInput:
    channel: str
    budget_pct: int
    tactics: tuple[str, ...]
    rationale: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MilestoneInput:
    week: int
    date: dt.date
    title: str
    deliverable: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StrategyInput:
    """The approved strategy a draft is written from."""

    strategy_id: str
    version: int
    executive_summary: str
    positioning: str
    key_messages: tuple[str, ...]
    pillars: tuple[PillarInput, ...]
    kpis: tuple[KpiInput, ...]
    channel_plan: tuple[ChannelInput, ...]
    milestones: tuple[MilestoneInput, ...]


class DraftStatus(StrEnum):
    ACTIVE = "active"
    DISCARDED = "discarded"


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftSectionData:
    """One pack section; ``body`` is Markdown without the section's ``## `` heading."""

    key: str
    title: str
    body: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PostData:
    """One dated post of the draft's calendar."""

    date: dt.date
    platform: str
    pillar: str
    theme: str
    hook: str
    caption: str
    cta: str
    format: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftRevisionData:
    """One regeneration of a draft, oldest first.

    ``sections`` were rewritten in ``variant`` on request; ``refreshed`` are other
    sections rewritten in their own variant because the calendar's posts changed.
    """

    variant: int
    sections: tuple[str, ...]
    refreshed: tuple[str, ...]
    created_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftData:
    """A content draft; ``markdown`` is the whole report, sections in pack order.

    ``revisions`` lists every regeneration since the draft was generated (variant 0
    for every section), oldest first. ``version`` starts at 1 and goes up by one
    with every amendment or regeneration; an amendment names the version it was
    based on.
    """

    id: str
    brief_id: str
    strategy_id: str
    pack: str
    status: DraftStatus
    title: str
    sections: tuple[DraftSectionData, ...]
    posts: tuple[PostData, ...]
    markdown: str
    created_at: dt.datetime
    version: int
    revisions: tuple[DraftRevisionData, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftVersionData:
    """A draft's content as it was in one version, oldest first in a history.

    ``amended_by`` is empty when the system made the version (generation,
    regeneration); ``note`` says why the version was made, and notes any part of
    an edit that could not be applied (such as posts left as they were).
    """

    version: int
    amended_by: str
    note: str
    created_at: dt.datetime
    markdown: str


class AssetStatus(StrEnum):
    """Publish status; an asset moves one step forward at a time, never back."""

    DRAFT = "DRAFT"
    APPROVED = "APPROVED"
    SCHEDULED = "SCHEDULED"
    PUBLISHED = "PUBLISHED"


@dataclass(frozen=True, slots=True, kw_only=True)
class AssetData:
    """A social creative and where it is in the publish flow."""

    id: str
    brief_id: str
    draft_id: str | None
    platform: str
    format: str
    hook: str
    caption: str
    cta: str
    status: AssetStatus
    scheduled_for: dt.datetime | None
    published_at: dt.datetime | None
    created_at: dt.datetime
