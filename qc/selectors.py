"""QC reads."""

from django.db.models import QuerySet

from aicmo_site.kernel import paging
from aicmo_site.kernel.scope import ALL, Scope
from qc.errors import QcResultNotFound
from qc.models import QcResult


def result_get(*, result_id: str, scope: Scope = ALL) -> QcResult:
    """Return the result with its checks prefetched; not found outside ``scope``."""
    result = (
        scope.by_brief(QcResult.objects.prefetch_related("checks"))
        .filter(id=result_id)
        .first()
    )
    if result is None:
        raise QcResultNotFound(f"QC result {result_id} not found.")
    return result


def result_list(
    *,
    draft_id: str | None = None,
    status: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[QcResult]:
    """Return results in ``scope`` oldest first; revoked ones only by ``status``."""
    results = scope.by_brief(QcResult.objects.prefetch_related("checks"))
    if draft_id is not None:
        results = results.filter(draft_id=draft_id)
    if status is not None:
        results = results.filter(status=status)
    else:
        results = results.exclude(status=QcResult.Status.REVOKED)
    return paging.page_by_id(results, limit=limit, after_id=after_id)
