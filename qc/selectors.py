"""QC reads."""

from django.db.models import QuerySet

from aicmo_site.kernel import paging
from qc.errors import QcResultNotFound
from qc.models import QcResult


def result_get(*, result_id: str) -> QcResult:
    """Return the result with its checks prefetched."""
    result = QcResult.objects.prefetch_related("checks").filter(id=result_id).first()
    if result is None:
        raise QcResultNotFound(f"QC result {result_id} not found.")
    return result


def result_list(
    *,
    draft_id: str | None = None,
    status: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
) -> QuerySet[QcResult]:
    """Return results oldest first; revoked ones only when ``status`` asks for them."""
    results = QcResult.objects.prefetch_related("checks")
    if draft_id is not None:
        results = results.filter(draft_id=draft_id)
    if status is not None:
        results = results.filter(status=status)
    else:
        results = results.exclude(status=QcResult.Status.REVOKED)
    return paging.page_by_id(results, limit=limit, after_id=after_id)
