from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from aicmo_site.kernel import events
from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.kernel.errors import TransientError
from aicmo_site.kernel.scope import ALL, Scope
from strategy import selectors
from strategy.errors import (
    InvalidStrategyInput,
    StrategyGenerationFailed,
    StrategyNotApprovable,
    StrategyNotFound,
)
from strategy.generation.base import (
    ContentInvalid,
    StrategyContent,
    StrategyGenerator,
    finalize,
)
from strategy.generation.template import TemplateStrategyGenerator
from strategy.models import APPROVER_MAX_LENGTH, IDEMPOTENCY_KEY_MAX_LENGTH, Strategy

# Two writers can read the same "next version" at once; the unique (brief, version)
# constraint makes the second one fail, and it simply takes the next number.
VERSION_ATTEMPTS = 5


def default_generator() -> StrategyGenerator:
    """Return the generator used when the caller does not pass one."""
    return TemplateStrategyGenerator()


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _content_fields(content: StrategyContent) -> dict:
    return {
        "executive_summary": content.executive_summary,
        "positioning": content.positioning,
        "key_messages": list(content.key_messages),
        "pillars": [
            {
                "name": p.name,
                "description": p.description,
                "example_topics": list(p.example_topics),
            }
            for p in content.pillars
        ],
        "kpis": [
            {
                "name": k.name,
                "target": str(k.target),
                "unit": k.unit,
                "timeframe": k.timeframe,
                "family": k.family,
                "baseline": _decimal_text(k.baseline),
                "target_30d": _decimal_text(k.target_30d),
                "target_60d": _decimal_text(k.target_60d),
                "target_90d": _decimal_text(k.target_90d),
            }
            for k in content.kpis
        ],
        "channel_plan": [
            {
                "channel": c.channel,
                "budget_pct": c.budget_pct,
                "tactics": list(c.tactics),
                "rationale": c.rationale,
            }
            for c in content.channel_plan
        ],
        "milestones": [
            {
                "week": m.week,
                "date": m.date.isoformat(),
                "title": m.title,
                "deliverable": m.deliverable,
            }
            for m in content.milestones
        ],
    }


def _check_key(idempotency_key: str) -> str:
    key = idempotency_key.strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX_LENGTH:
        raise InvalidStrategyInput(
            {
                "idempotency_key": [
                    f"Give a non-empty key of at most {IDEMPOTENCY_KEY_MAX_LENGTH} "
                    "characters."
                ]
            }
        )
    return key


@transaction.atomic
def strategy_generate(
    *,
    brief: BriefContext,
    idempotency_key: str,
    generator: StrategyGenerator | None = None,
) -> Strategy:
    """Generate and store the next strategy version for the brief, once per key."""
    key = _check_key(idempotency_key)
    existing = selectors.strategy_by_idempotency_key(idempotency_key=key)
    if existing is not None:
        return existing
    raw = (generator or default_generator()).generate(brief)
    try:
        content = finalize(raw, brief)
    except ContentInvalid as exc:
        raise StrategyGenerationFailed(
            f"The generated strategy was not valid: {exc}.",
            extra={"brief_id": brief.brief_id},
        ) from exc
    fields = _content_fields(content)
    for _attempt in range(VERSION_ATTEMPTS):
        strategy = Strategy(
            brief_id=brief.brief_id,
            version=selectors.strategy_next_version(brief_id=brief.brief_id),
            idempotency_key=key,
            **fields,
        )
        # The database enforces the two unique keys; checking them here too would
        # turn a lost race into a ValidationError instead of a retry.
        strategy.full_clean(exclude=["version", "idempotency_key"])
        try:
            with transaction.atomic():
                strategy.save(force_insert=True)
        except IntegrityError:
            existing = selectors.strategy_by_idempotency_key(idempotency_key=key)
            if existing is not None:
                return existing
            continue
        events.record(
            events.DomainEvent(
                type="strategy.generated",
                payload={
                    "strategy_id": strategy.id,
                    "brief_id": strategy.brief_id,
                    "version": strategy.version,
                },
            )
        )
        return strategy
    raise TransientError(
        f"Could not allocate a strategy version for brief {brief.brief_id}; retry."
    )


def _locked(strategy_id: str, scope: Scope) -> Strategy:
    """The strategy, locked; not found when ``scope`` hides it, as an unknown id."""
    strategy = scope.by_brief(
        Strategy.objects.select_for_update().filter(id=strategy_id)
    ).first()
    if strategy is None:
        raise StrategyNotFound(
            f"Strategy {strategy_id!r} not found.", extra={"strategy_id": strategy_id}
        )
    return strategy


@transaction.atomic
def strategy_approve(
    *, strategy_id: str, approved_by: str, scope: Scope = ALL
) -> Strategy:
    """Approve a draft strategy; approving an approved one changes nothing."""
    approver = approved_by.strip()
    if not approver or len(approver) > APPROVER_MAX_LENGTH:
        raise InvalidStrategyInput(
            {
                "approved_by": [
                    f"Name the approver in 1 to {APPROVER_MAX_LENGTH} characters."
                ]
            }
        )
    strategy = _locked(strategy_id, scope)
    if strategy.status == Strategy.Status.APPROVED:
        return strategy
    if strategy.status == Strategy.Status.DISCARDED:
        raise StrategyNotApprovable(
            f"Strategy {strategy.id} is discarded; only a draft strategy can be "
            "approved.",
            extra={"strategy_id": strategy.id, "status": strategy.status},
        )
    strategy.status = Strategy.Status.APPROVED
    strategy.approved_by = approver
    strategy.approved_at = timezone.now()
    strategy.full_clean()
    strategy.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    events.record(
        events.DomainEvent(
            type="strategy.approved",
            payload={
                "strategy_id": strategy.id,
                "brief_id": strategy.brief_id,
                "approved_by": approver,
            },
        )
    )
    return strategy


@transaction.atomic
def strategy_discard(*, strategy_id: str, scope: Scope = ALL) -> Strategy:
    """Mark the strategy discarded, keeping its row; discarding again is a no-op."""
    strategy = _locked(strategy_id, scope)
    if strategy.status == Strategy.Status.DISCARDED:
        return strategy
    strategy.status = Strategy.Status.DISCARDED
    strategy.full_clean()
    strategy.save(update_fields=["status", "updated_at"])
    events.record(
        events.DomainEvent(
            type="strategy.discarded",
            payload={"strategy_id": strategy.id, "brief_id": strategy.brief_id},
        )
    )
    return strategy
