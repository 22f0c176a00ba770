"""QC's public API: evaluate a draft against the rules, read and revoke verdicts.

QC owns the rule engine, the section benchmarks and the recorded results. A caller
may benchmark a draft's sections first (no writes) to regenerate the weak ones. A
result keeps every check it ran, passing or failing; deciding what a failing result
means is the caller's business.
Each draft has at most one current result: a new evaluation supersedes the previous.
"""

from aicmo_site.kernel import paging
from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.kernel.scope import ALL, Scope
from qc import section_rules, selectors, services
from qc.dto import (
    CheckData,
    CheckStatus,
    DraftInput,
    QcResultData,
    ResultStatus,
    SectionBenchmarkData,
    Severity,
)
from qc.errors import QcInputInvalid
from qc.models import QcResult


def result_evaluate(
    *,
    draft: DraftInput,
    brief: BriefContext,
    idempotency_key: str,
    inject_failure: bool = False,
) -> QcResultData:
    """Evaluate the draft, record the result with all its checks and make it current.

    The checks are the base rules, then one rule per benchmark dimension
    (``benchmark_word_range``, ``benchmark_labels``, ``benchmark_table``,
    ``benchmark_phrases``, ``benchmark_repetition``, ``benchmark_sentence_length``),
    each failing once per section that falls short (see ``section_benchmark``).

    The draft's previous current result becomes superseded. Calling again with the same
    ``idempotency_key`` returns the recorded result unchanged. A failing result is
    recorded like a passing one. Emits ``qc.evaluated``.

    Args:
        draft: The draft's sections and the sections its pack expects.
        brief: The normalized brief (brand, banned words, campaign dates).
        idempotency_key: Unique per evaluation request.
        inject_failure: Fault injection for demos and tests: add a failed BLOCKER
            check ``fault_injection`` so the result does not pass.

    Raises:
        QcInputInvalid: The draft has no id, pack or expected sections, or the key
            is empty.
    """
    result = services.result_evaluate(
        draft=draft,
        brief=brief,
        idempotency_key=idempotency_key,
        inject_failure=inject_failure,
    )
    return _to_result_data(selectors.result_get(result_id=result.id))


def section_benchmark(*, draft: DraftInput) -> tuple[SectionBenchmarkData, ...]:
    """Measure each written section against its pack's benchmark; write nothing.

    A benchmark fixes a section's word range, required headings or labels, whether it
    needs a table, forbidden phrases (clichés, placeholders), a maximum share of
    repeated lines and a maximum average sentence length. The results follow pack
    order; missing or empty sections, and packs or sections without a benchmark, are
    left out. ``result_evaluate`` runs the same benchmarks as ``benchmark_*`` checks.
    """
    return section_rules.measure_sections(draft)


def result_get(*, result_id: str, scope: Scope = ALL) -> QcResultData:
    """Return the QC result with all its checks, whatever its status.

    Raises:
        QcResultNotFound: No result has this id, or ``scope`` (the caller's account
            teams) does not include its brief.
    """
    return _to_result_data(selectors.result_get(result_id=result_id, scope=scope))


def result_list(
    *,
    draft_id: str | None = None,
    status: ResultStatus | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[QcResultData]:
    """List results oldest first, leaving revoked ones out unless ``status`` asks.

    Results of briefs outside ``scope`` (the caller's account teams) are left out.

    Raises:
        QcInputInvalid: ``limit`` is not from 1 to 200 or ``status`` is unknown.
    """
    paging.check_limit(limit, error=QcInputInvalid)
    wanted = None
    if status is not None:
        try:
            wanted = ResultStatus(status).value
        except ValueError:
            raise QcInputInvalid({"status": [f"Unknown status {status!r}."]}) from None
    results = selectors.result_list(
        draft_id=draft_id,
        status=wanted,
        limit=limit,
        after_id=after_id,
        scope=scope,
    )
    return [_to_result_data(result) for result in results]


def result_revoke(*, result_id: str, scope: Scope = ALL) -> QcResultData:
    """Revoke the result, keeping its row; revoking a revoked result succeeds.

    Emits ``qc.revoked`` when the status changes.

    Raises:
        QcResultNotFound: No result has this id, or ``scope`` does not include it
            (nothing changes).
    """
    result = services.result_revoke(result_id=result_id, scope=scope)
    return _to_result_data(selectors.result_get(result_id=result.id))


def _to_result_data(result: QcResult) -> QcResultData:
    return QcResultData(
        id=result.id,
        draft_id=result.draft_id,
        passed=result.passed,
        score=result.score,
        status=ResultStatus(result.status),
        checks=tuple(
            CheckData(
                id=check.check_id,
                severity=Severity(check.severity),
                status=CheckStatus(check.status),
                section=check.section,
                message=check.message,
                fix=check.fix,
            )
            for check in result.checks.all()
        ),
        created_at=result.created_at,
    )
