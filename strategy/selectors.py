from django.db.models import Max, Q, QuerySet

from strategy.models import Strategy

MAX_LIST_LIMIT = 200


def strategy_get(*, strategy_id: str) -> Strategy | None:
    return Strategy.objects.filter(id=strategy_id).first()


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
) -> QuerySet[Strategy]:
    """Strategies in creation order; discarded ones only when asked by status."""
    qs = Strategy.objects.all()
    if brief_id is not None:
        qs = qs.filter(brief_id=brief_id)
    if status is None:
        qs = qs.exclude(status=Strategy.Status.DISCARDED)
    else:
        qs = qs.filter(status=status)
    if after_id is not None:
        anchor = (
            Strategy.objects.filter(id=after_id)
            .values_list("created_at", flat=True)
            .first()
        )
        if anchor is None:
            qs = qs.filter(id__gt=after_id)
        else:
            qs = qs.filter(
                Q(created_at__gt=anchor) | Q(created_at=anchor, id__gt=after_id)
            )
    return qs.order_by("created_at", "id")[: max(1, min(limit, MAX_LIST_LIMIT))]
