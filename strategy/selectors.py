"""Strategy reads."""

from django.db.models import Max, QuerySet

from aicmo_site.kernel import paging
from aicmo_site.kernel.scope import ALL, Scope
from strategy.models import Strategy


def strategy_get(*, strategy_id: str, scope: Scope = ALL) -> Strategy | None:
    """The strategy, or None when no strategy has this id or ``scope`` hides it."""
    return scope.by_brief(Strategy.objects.filter(id=strategy_id)).first()


def strategy_by_idempotency_key(*, idempotency_key: str) -> Strategy | None:
    return Strategy.objects.filter(idempotency_key=idempotency_key).first()


def strategy_next_version(*, brief_id: str) -> int:
    current = Strategy.objects.filter(brief_id=brief_id).aggregate(v=Max("version"))[
        "v"
    ]
    return (current or 0) + 1


def strategy_list(
    *,
    brief_id: str | None = None,
    status: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> QuerySet[Strategy]:
    """Strategies in ``scope`` in creation order; discarded ones only by status."""
    qs = scope.by_brief(Strategy.objects.all())
    if brief_id is not None:
        qs = qs.filter(brief_id=brief_id)
    if status is None:
        qs = qs.exclude(status=Strategy.Status.DISCARDED)
    else:
        qs = qs.filter(status=status)
    return paging.page_by_creation(qs, limit=limit, after_id=after_id)
