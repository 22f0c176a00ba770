"""REST endpoints of production: list and retrieve drafts (SPEC §5)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from production import api as production_api
from tests.production.factories import DraftFactory

pytestmark = pytest.mark.django_db

DRAFT_KEYS = {
    "id",
    "brief_id",
    "strategy_id",
    "pack",
    "status",
    "version",
    "title",
    "sections",
    "posts",
    "markdown",
    "created_at",
}


def test_a_draft_is_retrieved_with_its_sections_and_posts(viewer, brief, strategy):
    draft = production_api.draft_generate(
        brief=brief, strategy=strategy, pack="quick_social_basic", idempotency_key="r:d"
    )

    response = viewer.get(f"/api/v1/drafts/{draft.id}/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == DRAFT_KEYS
    assert (body["id"], body["status"], body["pack"]) == (
        draft.id,
        "active",
        "quick_social_basic",
    )
    assert [s["key"] for s in body["sections"]] == [s.key for s in draft.sections]
    assert set(body["sections"][0]) == {"key", "title", "body"}
    assert len(body["posts"]) == len(draft.posts) >= 7
    assert body["posts"][0]["date"] == draft.posts[0].date.isoformat()
    assert set(body["posts"][0]) == {
        "date",
        "platform",
        "pillar",
        "theme",
        "hook",
        "caption",
        "cta",
        "format",
    }
    assert body["markdown"] == draft.markdown


def test_an_unknown_draft_is_not_found(viewer):
    response = viewer.get("/api/v1/drafts/draft_nope/")

    assert response.status_code == 404
    assert response.json()["error_code"] == "NOT_FOUND"


def test_the_list_leaves_discarded_drafts_out_unless_asked(viewer):
    kept = DraftFactory(brief_id="brief_a")
    discarded = DraftFactory(brief_id="brief_a", status="discarded")
    elsewhere = DraftFactory(brief_id="brief_b")

    def ids(query: str) -> list[str]:
        response = viewer.get(f"/api/v1/drafts/{query}")
        assert response.status_code == 200
        return [d["id"] for d in response.json()["results"]]

    assert ids("") == [kept.id, elsewhere.id]
    assert ids("?status=discarded") == [discarded.id]
    assert ids("?brief_id=brief_b") == [elsewhere.id]
    assert viewer.get(f"/api/v1/drafts/{discarded.id}/").json()["status"] == (
        "discarded"
    )


def test_a_bad_status_filter_is_a_validation_error(viewer):
    response = viewer.get("/api/v1/drafts/?status=archived")

    assert response.status_code == 400
    assert set(response.json()["details"]["fields"]) == {"status"}


def test_the_list_pages_with_next(viewer):
    drafts = DraftFactory.create_batch(3)

    first = viewer.get("/api/v1/drafts/?limit=2").json()
    second = viewer.get(first["next"]).json()

    assert [d["id"] for d in first["results"]] == [d.id for d in drafts[:2]]
    assert [d["id"] for d in second["results"]] == [drafts[2].id]
    assert second["next"] is None


def test_the_list_runs_a_constant_number_of_queries(viewer, django_assert_num_queries):
    DraftFactory()
    with CaptureQueriesContext(connection) as one:
        assert viewer.get("/api/v1/drafts/").status_code == 200
    DraftFactory.create_batch(19)

    with django_assert_num_queries(len(one.captured_queries)):
        response = viewer.get("/api/v1/drafts/")

    assert len(response.json()["results"]) == 20
