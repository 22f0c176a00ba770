import datetime as dt
from decimal import Decimal

import pytest

from aicmo_site.kernel import events
from strategy import api as strategy_api
from strategy.dto import StrategyData, StrategyStatus
from strategy.errors import (
    InvalidStrategyInput,
    StrategyError,
    StrategyNotApprovable,
    StrategyNotFound,
)
from strategy.models import Strategy
from tests.briefs import make_brief
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db


def _content(strategy: StrategyData) -> tuple:
    return (
        strategy.executive_summary,
        strategy.positioning,
        strategy.key_messages,
        strategy.pillars,
        strategy.kpis,
        strategy.channel_plan,
        strategy.milestones,
    )


# --- generate ---------------------------------------------------------------------


def test_generate_returns_first_draft_version_for_the_brief(brief):
    strategy = strategy_api.strategy_generate(brief=brief, idempotency_key="run1:gen")

    assert strategy.id.startswith("strat_")
    assert strategy.brief_id == "brief_01bakery"
    assert strategy.version == 1
    assert strategy.status == StrategyStatus.DRAFT
    assert strategy.approved_by is None
    assert strategy.approved_at is None
    assert strategy.created_at.tzinfo is not None
    assert Strategy.objects.get(id=strategy.id).idempotency_key == "run1:gen"


def test_generate_numbers_versions_1_2_3_per_brief(brief, other_brief):
    versions = [
        strategy_api.strategy_generate(brief=brief, idempotency_key=f"k{i}").version
        for i in range(3)
    ]
    other = strategy_api.strategy_generate(brief=other_brief, idempotency_key="other")

    assert versions == [1, 2, 3]
    assert other.version == 1
    assert list(
        Strategy.objects.filter(brief_id=brief.brief_id)
        .order_by("version")
        .values_list("version", flat=True)
    ) == [1, 2, 3]


def test_generate_same_key_returns_the_existing_strategy_unchanged(brief):
    first = strategy_api.strategy_generate(brief=brief, idempotency_key="run1:gen")
    changed_brief = make_brief(brand="Another Name")

    with events.recording() as recorded:
        again = strategy_api.strategy_generate(
            brief=changed_brief, idempotency_key="run1:gen"
        )

    assert again == first
    assert Strategy.objects.count() == 1
    assert recorded == []


def test_generate_records_the_generated_event(brief):
    with events.recording() as recorded:
        strategy = strategy_api.strategy_generate(brief=brief, idempotency_key="k")

    assert recorded == [
        events.DomainEvent(
            type="strategy.generated",
            payload={
                "strategy_id": strategy.id,
                "brief_id": "brief_01bakery",
                "version": 1,
            },
        )
    ]


def test_generate_is_deterministic_for_the_same_brief(brief):
    first = strategy_api.strategy_generate(brief=brief, idempotency_key="a")
    second = strategy_api.strategy_generate(brief=brief, idempotency_key="b")

    assert _content(first) == _content(second)
    assert second.version == 2


def test_generate_round_trips_structured_parts_through_the_database(brief):
    generated = strategy_api.strategy_generate(brief=brief, idempotency_key="k")

    stored = strategy_api.strategy_get(strategy_id=generated.id)

    assert stored == generated
    assert isinstance(stored.kpis[0].target, Decimal)
    assert isinstance(stored.milestones[0].date, dt.date)


@pytest.mark.parametrize("key", ["", "   ", "k" * 201])
def test_generate_rejects_a_bad_idempotency_key_and_stores_nothing(brief, key):
    with pytest.raises(InvalidStrategyInput) as caught:
        strategy_api.strategy_generate(brief=brief, idempotency_key=key)

    assert caught.value.code == "VALIDATION_ERROR"
    assert list(caught.value.fields) == ["idempotency_key"]
    assert Strategy.objects.count() == 0


# --- get / list -------------------------------------------------------------------


def test_get_unknown_strategy_raises_not_found():
    with pytest.raises(StrategyNotFound) as caught:
        strategy_api.strategy_get(strategy_id="strat_missing")

    assert caught.value.code == "NOT_FOUND"
    assert caught.value.http_status == 404
    assert caught.value.extra == {"strategy_id": "strat_missing"}
    assert isinstance(caught.value, StrategyError)


def test_get_returns_a_discarded_strategy_with_its_status():
    strategy = StrategyFactory(status=Strategy.Status.DISCARDED)

    found = strategy_api.strategy_get(strategy_id=strategy.id)

    assert found.status == StrategyStatus.DISCARDED


def test_list_leaves_out_discarded_strategies_unless_asked():
    kept = StrategyFactory(brief_id="brief_a", version=1)
    gone = StrategyFactory(
        brief_id="brief_a", version=2, status=Strategy.Status.DISCARDED
    )

    default = strategy_api.strategy_list(brief_id="brief_a")
    discarded = strategy_api.strategy_list(brief_id="brief_a", status="discarded")

    assert [s.id for s in default] == [kept.id]
    assert [s.id for s in discarded] == [gone.id]


def test_list_filters_by_brief_and_pages_with_after_id():
    rows = [StrategyFactory(brief_id="brief_a", version=v) for v in (1, 2, 3)]
    StrategyFactory(brief_id="brief_b")

    first_page = strategy_api.strategy_list(brief_id="brief_a", limit=2)
    second_page = strategy_api.strategy_list(
        brief_id="brief_a", limit=2, after_id=first_page[-1].id
    )

    assert [s.id for s in first_page] == [rows[0].id, rows[1].id]
    assert [s.id for s in second_page] == [rows[2].id]


def test_list_rejects_an_unknown_status_and_a_zero_limit():
    with pytest.raises(InvalidStrategyInput) as caught:
        strategy_api.strategy_list(status="archived", limit=0)

    assert caught.value.code == "VALIDATION_ERROR"
    assert sorted(caught.value.fields) == ["limit", "status"]


# --- approve ----------------------------------------------------------------------


def test_approve_moves_a_draft_to_approved_and_records_the_event():
    strategy = StrategyFactory()

    with events.recording() as recorded:
        approved = strategy_api.strategy_approve(
            strategy_id=strategy.id, approved_by="  ana@agency.test "
        )

    assert approved.status == StrategyStatus.APPROVED
    assert approved.approved_by == "ana@agency.test"
    assert approved.approved_at is not None
    assert recorded == [
        events.DomainEvent(
            type="strategy.approved",
            payload={
                "strategy_id": strategy.id,
                "brief_id": strategy.brief_id,
                "approved_by": "ana@agency.test",
            },
        )
    ]


def test_approving_an_approved_strategy_changes_nothing():
    strategy = StrategyFactory()
    first = strategy_api.strategy_approve(strategy_id=strategy.id, approved_by="ana")

    with events.recording() as recorded:
        again = strategy_api.strategy_approve(strategy_id=strategy.id, approved_by="bo")

    assert again == first
    assert again.approved_by == "ana"
    assert recorded == []


def test_approving_a_discarded_strategy_raises_conflict_and_changes_nothing():
    strategy = StrategyFactory(status=Strategy.Status.DISCARDED)

    with events.recording() as recorded, pytest.raises(StrategyNotApprovable) as caught:
        strategy_api.strategy_approve(strategy_id=strategy.id, approved_by="ana")

    assert caught.value.code == "CONFLICT"
    assert caught.value.http_status == 409
    assert strategy.id in caught.value.message
    strategy.refresh_from_db()
    assert strategy.status == Strategy.Status.DISCARDED
    assert strategy.approved_by == ""
    assert strategy.approved_at is None
    assert recorded == []


def test_approve_needs_an_approver_name():
    strategy = StrategyFactory()

    with pytest.raises(InvalidStrategyInput) as caught:
        strategy_api.strategy_approve(strategy_id=strategy.id, approved_by="  ")

    assert list(caught.value.fields) == ["approved_by"]
    strategy.refresh_from_db()
    assert strategy.status == Strategy.Status.DRAFT


def test_approve_unknown_strategy_raises_not_found():
    with pytest.raises(StrategyNotFound) as caught:
        strategy_api.strategy_approve(strategy_id="strat_missing", approved_by="ana")

    assert caught.value.code == "NOT_FOUND"


# --- discard ----------------------------------------------------------------------


def test_discard_keeps_the_row_and_is_idempotent():
    strategy = StrategyFactory()

    with events.recording() as recorded:
        first = strategy_api.strategy_discard(strategy_id=strategy.id)
        second = strategy_api.strategy_discard(strategy_id=strategy.id)

    assert first.status == second.status == StrategyStatus.DISCARDED
    assert Strategy.objects.filter(id=strategy.id).count() == 1
    assert recorded == [
        events.DomainEvent(
            type="strategy.discarded",
            payload={"strategy_id": strategy.id, "brief_id": strategy.brief_id},
        )
    ]


def test_discard_works_on_an_approved_strategy_for_compensation():
    strategy = StrategyFactory()
    strategy_api.strategy_approve(strategy_id=strategy.id, approved_by="workflow")

    discarded = strategy_api.strategy_discard(strategy_id=strategy.id)

    assert discarded.status == StrategyStatus.DISCARDED
    assert discarded.approved_by == "workflow"


def test_discard_unknown_strategy_raises_not_found():
    with pytest.raises(StrategyNotFound) as caught:
        strategy_api.strategy_discard(strategy_id="strat_missing")

    assert caught.value.code == "NOT_FOUND"


def test_kpis_round_trip_their_family_baseline_and_day_targets(brief):
    strategy = strategy_api.strategy_generate(brief=brief, idempotency_key="funnel")

    again = strategy_api.strategy_get(strategy_id=strategy.id)

    assert again.kpis == strategy.kpis
    lead = again.kpis[0]
    assert lead.family == "Conversion"
    assert (lead.baseline, lead.target_90d) == (Decimal(0), lead.target)


def test_a_strategy_stored_before_kpi_paths_reads_with_them_empty():
    stored = StrategyFactory()

    [kpi] = strategy_api.strategy_get(strategy_id=stored.id).kpis

    assert (kpi.name, kpi.target) == ("Orders", Decimal("110"))
    assert (kpi.family, kpi.baseline, kpi.target_30d) == ("", None, None)
    assert (kpi.target_60d, kpi.target_90d) == (None, None)
