"""QC writes: record an evaluation, revoke a result."""

from django.db import IntegrityError, transaction

from aicmo_site.kernel import events
from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.kernel.scope import ALL, Scope
from qc import (
    fidelity_rules,
    plan_rules,
    promise_rules,
    repetition_rules,
    rules,
    safety_rules,
    schedule_rules,
    scoring,
    section_rules,
)
from qc.dto import CheckData, DraftInput
from qc.errors import QcInputInvalid, QcResultNotFound
from qc.models import QcCheck, QcResult

# The rules a result runs, in report order: the base rules, the section rules, then
# the rules that hold the output to the brief (dates, then the brief's own words),
# then what a director checks in the copy and the plan (issue 12): promises kept,
# no repeats, goals and money accounted for, and no child invited to post.
QC_RULES: tuple[rules.Rule, ...] = (
    *rules.RULES,
    *section_rules.RULES,
    *schedule_rules.RULES,
    *fidelity_rules.RULES,
    *promise_rules.RULES,
    *repetition_rules.RULES,
    *plan_rules.RULES,
    *safety_rules.RULES,
)


def _validate(*, draft: DraftInput, idempotency_key: str) -> None:
    fields: dict[str, list[str]] = {}
    if not idempotency_key.strip():
        fields["idempotency_key"] = ["Must not be empty."]
    if not draft.draft_id.strip():
        fields["draft.draft_id"] = ["Must not be empty."]
    if not draft.pack.strip():
        fields["draft.pack"] = ["Must not be empty."]
    if not draft.expected_sections:
        fields["draft.expected_sections"] = [
            "The pack must expect at least one section."
        ]
    if fields:
        raise QcInputInvalid(fields)


@transaction.atomic
def result_evaluate(
    *,
    draft: DraftInput,
    brief: BriefContext,
    idempotency_key: str,
    inject_failure: bool = False,
) -> QcResult:
    """Run every rule and benchmark, record the result with its checks, make it current.

    A key seen before returns its result unchanged, even if the draft changed since.
    """
    existing = QcResult.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    _validate(draft=draft, idempotency_key=idempotency_key)

    checks = rules.run_rules(draft=draft, brief=brief, rules=QC_RULES)
    if inject_failure:
        checks.append(rules.fault_injection_check())
    score, passed = scoring.verdict(checks)

    # Lock the draft's current result so two evaluations cannot both supersede it;
    # the partial unique constraint backs this up at the database.
    previous = list(
        QcResult.objects.select_for_update().filter(
            draft_id=draft.draft_id, status=QcResult.Status.CURRENT
        )
    )
    for old in previous:
        old.status = QcResult.Status.SUPERSEDED
        old.full_clean()
        old.save(update_fields=["status", "updated_at"])

    result = QcResult(
        draft_id=draft.draft_id,
        brief_id=brief.brief_id,
        pack=draft.pack,
        passed=passed,
        score=score,
        status=QcResult.Status.CURRENT,
        idempotency_key=idempotency_key,
    )
    result.full_clean()
    try:
        with transaction.atomic():
            result.save(force_insert=True)
    except IntegrityError:
        # A concurrent call with the same key committed first: return its result.
        existing = QcResult.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing
    _save_checks(result, checks)
    events.record(
        events.DomainEvent(
            type="qc.evaluated",
            payload={
                "result_id": result.id,
                "draft_id": result.draft_id,
                "passed": result.passed,
                "score": result.score,
            },
        )
    )
    return result


def _save_checks(result: QcResult, checks: list[CheckData]) -> None:
    rows = []
    for position, check in enumerate(checks):
        row = QcCheck(
            result=result,
            position=position,
            check_id=check.id,
            severity=check.severity.value,
            status=check.status.value,
            section=check.section,
            message=check.message,
            fix=check.fix,
        )
        row.full_clean()
        rows.append(row)
    QcCheck.objects.bulk_create(rows)


@transaction.atomic
def result_revoke(*, result_id: str, scope: Scope = ALL) -> QcResult:
    """Mark the result revoked, keeping its row; revoking twice is a no-op.

    A result outside ``scope`` is not found, exactly as an unknown id.
    """
    result = scope.by_brief(
        QcResult.objects.select_for_update().filter(id=result_id)
    ).first()
    if result is None:
        raise QcResultNotFound(f"QC result {result_id} not found.")
    if result.status == QcResult.Status.REVOKED:
        return result
    result.status = QcResult.Status.REVOKED
    result.full_clean()
    result.save(update_fields=["status", "updated_at"])
    events.record(
        events.DomainEvent(
            type="qc.revoked",
            payload={"result_id": result.id, "draft_id": result.draft_id},
        )
    )
    return result
