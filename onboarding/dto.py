"""Onboarding's public data: clients, briefs, normalized briefs and project state."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class ProjectState(StrEnum):
    CREATED = "CREATED"
    INTAKE_COMPLETE = "INTAKE_COMPLETE"
    STRATEGY_GENERATED = "STRATEGY_GENERATED"
    STRATEGY_APPROVED = "STRATEGY_APPROVED"
    CAMPAIGN_DEFINED = "CAMPAIGN_DEFINED"
    CREATIVE_GENERATED = "CREATIVE_GENERATED"
    QC_FAILED = "QC_FAILED"
    QC_APPROVED = "QC_APPROVED"
    DELIVERED = "DELIVERED"


class ProjectAction(StrEnum):
    """The moves of SPEC §6, each from fixed state(s) to one state."""

    COMPLETE_INTAKE = "complete_intake"
    GENERATE_STRATEGY = "generate_strategy"
    APPROVE_STRATEGY = "approve_strategy"
    DEFINE_CAMPAIGN = "define_campaign"
    GENERATE_CREATIVE = "generate_creative"
    FAIL_QC = "fail_qc"
    APPROVE_QC = "approve_qc"
    DELIVER = "deliver"


class NormalizedBriefStatus(StrEnum):
    ACTIVE = "active"
    DISCARDED = "discarded"


class ProjectStatus(StrEnum):
    ACTIVE = "active"
    DISCARDED = "discarded"


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientData:
    id: str
    name: str
    website: str
    industry: str
    geography: str
    email: str
    created_at: dt.datetime
    source_ref: str | None = None
    """The closed deal (lead id) the client was signed from; None for intake."""
    contract_value: Decimal | None = None
    """The signed deal's value; None for a client that came from a brief."""


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefData:
    """A submitted brief: the intake as the client sent it, plus its key fields."""

    id: str
    client_id: str
    client_name: str
    pack: str
    objective: str
    primary_offer: str
    intake: dict
    created_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class NormalizedBriefData:
    id: str
    brief_id: str
    project_id: str
    status: NormalizedBriefStatus
    data: dict
    warnings: tuple[str, ...]
    created_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectTransitionData:
    action: str
    from_state: ProjectState
    to_state: ProjectState
    occurred_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ProjectData:
    id: str
    brief_id: str
    engagement_ref: str
    state: ProjectState
    status: ProjectStatus
    history: tuple[ProjectTransitionData, ...]


# The flat layout of a brief in CSV/XLSX files (admin export and import): one column
# per field, client fields prefixed, list fields joined by "; ", lists of objects as
# JSON. Export (onboarding) and import (orchestration) share it so that an exported
# file imports unchanged.
CLIENT_COLUMNS = (
    "client_name",
    "client_website",
    "client_industry",
    "client_geography",
    "client_email",
)
LIST_COLUMNS = (
    "pain_points",
    "desired_outcomes",
    "channels",
    "banned_words",
    "competitors",
    "differentiators",
    "proof_points",
)
# Lists of small objects travel as one JSON cell each: a list of objects with these
# keys, such as [{"question": "...", "answer": "..."}].
JSON_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "faqs": ("question", "answer"),
    "locations": ("name", "address", "hours"),
    "key_dates": ("date", "label"),
}
BRIEF_COLUMNS = (
    *CLIENT_COLUMNS,
    "primary_offer",
    "objective",
    "target_audience",
    "pain_points",
    "desired_outcomes",
    "pack",
    "channels",
    "tone",
    "banned_words",
    "competitors",
    "differentiators",
    "budget_amount",
    "budget_currency",
    "duration_weeks",
    "start_date",
    "industry_family",
    "proof_points",
    *JSON_COLUMNS,
)
