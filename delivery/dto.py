"""Delivery's public data: packages with their artifacts, and execution jobs.

The orchestration layer fills a :class:`PackageInput` from the brief, strategy, draft
and QC result; delivery renders and stores the files and never reads another app.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class PackageStatus(StrEnum):
    """A package is active until revoked; a revoked package keeps its row only."""

    ACTIVE = "active"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True, kw_only=True)
class ArtifactData:
    """One stored file of a package: ``path`` is its name in Django's storage."""

    name: str
    format: str
    size: int
    sha256: str
    path: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PackageData:
    """A client-ready package; ``artifacts`` come in the fixed delivery order."""

    id: str
    draft_id: str
    brief_id: str
    strategy_id: str
    qc_result_id: str
    status: PackageStatus
    artifacts: tuple[ArtifactData, ...]
    manifest_hash: str
    created_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionInput:
    """A section of the deliverable: ``body`` is Markdown without its heading."""

    key: str
    title: str
    body: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PackageInput:
    """Everything a package is built from.

    ``data`` is a JSON-serialisable mapping (strategy, posts, QC checks…) written to
    ``data.json`` as given; ``generated_at`` is an aware datetime and fixes every
    date in the files, so the same input always yields the same bytes.
    """

    brief_id: str
    strategy_id: str
    draft_id: str
    qc_result_id: str
    client_name: str
    pack_key: str
    pack_label: str
    title: str
    sections: tuple[SectionInput, ...]
    qc_passed: bool
    qc_score: int
    data: Mapping[str, Any]
    generated_at: dt.datetime


class JobKind(StrEnum):
    """What an execution job does."""

    SOCIAL_POST = "social_post"
    EMAIL = "email"
    CRM_SYNC = "crm_sync"


class JobStatus(StrEnum):
    """QUEUED → IN_PROGRESS → DONE, or back to QUEUED for a retry, or FAILED."""

    QUEUED = "queued"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class JobData:
    """An execution job; ``attempts`` counts starts, ``last_error`` the last failure."""

    id: str
    kind: JobKind
    status: JobStatus
    package_id: str | None
    payload: dict[str, Any]
    attempts: int
    max_attempts: int
    last_error: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
