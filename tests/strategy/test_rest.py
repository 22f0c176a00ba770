"""REST endpoints of strategy: list and retrieve strategies (SPEC §5)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from strategy import api as strategy_api
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db

STRATEGY_KEYS = {
    "id",
    "brief_id",
    "version",
    "status",
    "executive_summary",
    "positioning",
    "key_messages",
    "pillars",
    "kpis",
    "channel_plan",
    "milestones",
    "approved_by",
    "approved_at",
    "created_at",
}


def test_a_strategy_is_retrieved_with_all_its_parts(viewer, brief):
    strategy = strategy_api.strategy_generate(brief=brief, idempotency_key="r1:gen")

    response = viewer.get(f"/api/v1/strategies/{strategy.id}/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == STRATEGY_KEYS
    assert (body["id"], body["brief_id"], body["version"], body["status"]) == (
        strategy.id,
        brief.brief_id,
        1,
        "draft",
    )
    assert [p["name"] for p in body["pillars"]] == [p.name for p in strategy.pillars]
    assert [k["target"] for k in body["kpis"]] == [str(k.target) for k in strategy.kpis]
    assert sum(c["budget_pct"] for c in body["channel_plan"]) == 100
    assert body["milestones"][0]["date"] == strategy.milestones[0].date.isoformat()
    assert body["approved_by"] is None


def test_an_unknown_strategy_is_not_found(viewer):
    response = viewer.get("/api/v1/strategies/strat_nope/")

    assert response.status_code == 404
    assert response.json()["error_code"] == "NOT_FOUND"


def test_a_discarded_strategy_is_shown_with_its_status(viewer):
    strategy = StrategyFactory(status="discarded")

    response = viewer.get(f"/api/v1/strategies/{strategy.id}/")

    assert response.json()["status"] == "discarded"


def test_the_list_leaves_discarded_strategies_out_unless_asked(viewer):
    kept = StrategyFactory(brief_id="brief_a")
    discarded = StrategyFactory(brief_id="brief_a", version=2, status="discarded")
    elsewhere = StrategyFactory(brief_id="brief_b")

    def ids(query: str) -> list[str]:
        response = viewer.get(f"/api/v1/strategies/{query}")
        assert response.status_code == 200
        return [s["id"] for s in response.json()["results"]]

    assert ids("") == [kept.id, elsewhere.id]
    assert ids("?status=discarded") == [discarded.id]
    assert ids("?brief_id=brief_a") == [kept.id]
    assert ids("?brief_id=brief_a&status=discarded") == [discarded.id]


def test_a_bad_filter_names_every_bad_parameter(viewer):
    response = viewer.get("/api/v1/strategies/?status=lost&limit=0")

    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == {"status", "limit"}


def test_the_list_pages_with_next(viewer):
    strategies = StrategyFactory.create_batch(3)

    first = viewer.get("/api/v1/strategies/?limit=2").json()
    second = viewer.get(first["next"]).json()

    assert [s["id"] for s in first["results"]] == [s.id for s in strategies[:2]]
    assert [s["id"] for s in second["results"]] == [strategies[2].id]
    assert second["next"] is None


def test_the_list_runs_a_constant_number_of_queries(viewer, django_assert_num_queries):
    StrategyFactory()
    with CaptureQueriesContext(connection) as one:
        assert viewer.get("/api/v1/strategies/").status_code == 200
    StrategyFactory.create_batch(19)

    with django_assert_num_queries(len(one.captured_queries)):
        response = viewer.get("/api/v1/strategies/")

    assert len(response.json()["results"]) == 20
