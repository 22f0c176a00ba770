"""QC's public data: the draft it evaluates and the verdict it records.

The orchestration layer maps a production draft into :class:`DraftInput`; QC never
reads another app. A :class:`QcResultData` carries every check that ran, passing or
not, so a report can show exactly what was verified.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a failed check matters."""

    BLOCKER = "BLOCKER"
    MAJOR = "MAJOR"
    MINOR = "MINOR"


class CheckStatus(StrEnum):
    """The outcome of one check."""

    PASS = "PASS"
    WARN = "WARN"
    FAIL = "FAIL"


class ResultStatus(StrEnum):
    """The lifecycle of a recorded result; one result per draft is current."""

    CURRENT = "current"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckData:
    """One check: which rule, how severe, its outcome, where, why and how to fix it."""

    id: str
    severity: Severity
    status: CheckStatus
    section: str
    message: str
    fix: str


@dataclass(frozen=True, slots=True, kw_only=True)
class QcResultData:
    """A recorded QC verdict for a draft, with all its checks in report order."""

    id: str
    draft_id: str
    passed: bool
    score: int
    status: ResultStatus
    checks: tuple[CheckData, ...]
    created_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionSpec:
    """A section the pack expects: its key and its display title."""

    key: str
    title: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionInput:
    """A section as written: ``body`` is Markdown without its ``## `` heading."""

    key: str
    title: str
    body: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftInput:
    """The draft to evaluate: the pack's expected sections and the written ones."""

    draft_id: str
    pack: str
    expected_sections: tuple[SectionSpec, ...]
    sections: tuple[SectionInput, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionBenchmarkData:
    """How one written section measures against its pack's benchmark for it.

    ``failures`` holds one message per failed dimension (word range, labels, table,
    forbidden phrases, repetition, sentence length), with the numbers; empty when
    ``passed``.
    """

    section: str
    passed: bool
    failures: tuple[str, ...]
