"""Strategy's public API: generate, read, approve and discard versioned strategies.

A strategy belongs to a brief (by id). Versions per brief run 1, 2, 3…; generation is
deterministic for a brief and idempotent on its key. Discarded strategies keep their
row and are left out of lists unless asked for by status. Commands record the domain
events ``strategy.generated``, ``strategy.approved`` and ``strategy.discarded``.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from aicmo_site.kernel import paging
from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.kernel.scope import ALL, Scope
from strategy import selectors, services
from strategy.dto import (
    ChannelPlanData,
    KpiData,
    MilestoneData,
    PillarData,
    StrategyData,
    StrategyStatus,
)
from strategy.errors import InvalidStrategyInput, StrategyNotFound
from strategy.models import Strategy


def _decimal(value: str | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def _to_strategy_data(strategy: Strategy) -> StrategyData:
    return StrategyData(
        id=strategy.id,
        brief_id=strategy.brief_id,
        version=strategy.version,
        status=StrategyStatus(strategy.status),
        executive_summary=strategy.executive_summary,
        positioning=strategy.positioning,
        key_messages=tuple(strategy.key_messages),
        pillars=tuple(
            PillarData(
                name=p["name"],
                description=p["description"],
                example_topics=tuple(p["example_topics"]),
            )
            for p in strategy.pillars
        ),
        kpis=tuple(
            KpiData(
                name=k["name"],
                target=Decimal(k["target"]),
                unit=k["unit"],
                timeframe=k["timeframe"],
                family=k.get("family") or "",
                baseline=_decimal(k.get("baseline")),
                target_30d=_decimal(k.get("target_30d")),
                target_60d=_decimal(k.get("target_60d")),
                target_90d=_decimal(k.get("target_90d")),
            )
            for k in strategy.kpis
        ),
        channel_plan=tuple(
            ChannelPlanData(
                channel=c["channel"],
                budget_pct=int(c["budget_pct"]),
                tactics=tuple(c["tactics"]),
                rationale=c["rationale"],
            )
            for c in strategy.channel_plan
        ),
        milestones=tuple(
            MilestoneData(
                week=int(m["week"]),
                date=dt.date.fromisoformat(m["date"]),
                title=m["title"],
                deliverable=m["deliverable"],
            )
            for m in strategy.milestones
        ),
        approved_by=strategy.approved_by or None,
        approved_at=strategy.approved_at,
        created_at=strategy.created_at,
    )


@transaction.atomic
def strategy_generate(*, brief: BriefContext, idempotency_key: str) -> StrategyData:
    """Generate the next strategy version for the brief.

    Generation is deterministic for a given brief. Calling again with the same
    ``idempotency_key`` returns the strategy it created, unchanged.

    Raises:
        InvalidStrategyInput: the idempotency key is empty or too long.
        StrategyGenerationFailed: the generator produced an invalid strategy.
    """
    strategy = services.strategy_generate(brief=brief, idempotency_key=idempotency_key)
    return _to_strategy_data(strategy)


def strategy_get(*, strategy_id: str, scope: Scope = ALL) -> StrategyData:
    """Return one strategy, whatever its status.

    Raises:
        StrategyNotFound: no strategy has this id, or ``scope`` (the caller's account
            teams) does not include its brief.
    """
    strategy = selectors.strategy_get(strategy_id=strategy_id, scope=scope)
    if strategy is None:
        raise StrategyNotFound(
            f"Strategy {strategy_id!r} not found.", extra={"strategy_id": strategy_id}
        )
    return _to_strategy_data(strategy)


def strategy_list(
    *,
    brief_id: str | None = None,
    status: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[StrategyData]:
    """List strategies in creation order, at most ``limit``.

    Without ``status``, discarded strategies are left out. ``after_id`` continues a
    previous page after that id. Strategies of briefs outside ``scope`` (the caller's
    account teams) are left out.

    Raises:
        InvalidStrategyInput: ``status`` is not a strategy status, or ``limit`` is
            not from 1 to 200.
    """
    problems: dict[str, list[str]] = {}
    if status is not None and status not in {s.value for s in StrategyStatus}:
        known = ", ".join(s.value for s in StrategyStatus)
        problems["status"] = [f"Unknown status {status!r}. Known: {known}."]
    problems.update(paging.limit_errors(limit))
    if problems:
        raise InvalidStrategyInput(problems)
    strategies = selectors.strategy_list(
        brief_id=brief_id,
        status=status,
        limit=limit,
        after_id=after_id,
        scope=scope,
    )
    return [_to_strategy_data(strategy) for strategy in strategies]


@transaction.atomic
def strategy_approve(
    *, strategy_id: str, approved_by: str, scope: Scope = ALL
) -> StrategyData:
    """Approve a draft strategy; approving an approved one is a no-op.

    Raises:
        StrategyNotFound: no strategy has this id, or ``scope`` does not include its
            brief (nothing changes).
        StrategyNotApprovable: the strategy is discarded.
        InvalidStrategyInput: ``approved_by`` is empty or too long.
    """
    strategy = services.strategy_approve(
        strategy_id=strategy_id, approved_by=approved_by, scope=scope
    )
    return _to_strategy_data(strategy)


@transaction.atomic
def strategy_discard(*, strategy_id: str, scope: Scope = ALL) -> StrategyData:
    """Discard the strategy, keeping its row; discarding it again is a no-op.

    Raises:
        StrategyNotFound: no strategy has this id, or ``scope`` does not include its
            brief (nothing changes).
    """
    return _to_strategy_data(
        services.strategy_discard(strategy_id=strategy_id, scope=scope)
    )
