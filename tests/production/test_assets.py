import datetime as dt

import pytest

from aicmo_site.kernel import events
from production import api as production_api
from production.dto import AssetStatus
from production.errors import (
    AssetNotFound,
    DraftNotFound,
    IllegalAssetTransition,
    InvalidProductionInput,
)
from production.models import Asset
from tests.production.factories import AssetFactory, DraftFactory

pytestmark = pytest.mark.django_db

WHEN = dt.datetime(2027, 1, 14, 9, 30, tzinfo=dt.UTC)


def _create(**changes):
    values = {
        "brief_id": "brief_01bakery",
        "platform": "Instagram",
        "format": "Reel",
        "hook": "Before: no time to queue. After: fresh bread every week.",
        "caption": "What changes when busy professionals switch.",
        "cta": "Order via the link in bio",
    }
    return production_api.asset_create(**{**values, **changes})


def _snapshot(asset_id: str) -> tuple:
    row = Asset.objects.get(id=asset_id)
    return (row.status, row.scheduled_for, row.published_at, row.updated_at)


def test_create_stores_a_draft_asset():
    draft = DraftFactory(brief_id="brief_01bakery")

    asset = _create(draft_id=draft.id, hook="  Trimmed hook  ")

    assert asset.id.startswith("asset_")
    assert asset.status == AssetStatus.DRAFT
    assert asset.draft_id == draft.id
    assert asset.hook == "Trimmed hook"
    assert asset.scheduled_for is None
    assert asset.published_at is None
    assert production_api.asset_get(asset_id=asset.id) == asset


def test_create_names_every_blank_field_and_stores_nothing():
    with pytest.raises(InvalidProductionInput) as caught:
        _create(hook=" ", cta="", platform="")

    assert caught.value.code == "VALIDATION_ERROR"
    assert sorted(caught.value.fields) == ["cta", "hook", "platform"]
    assert Asset.objects.count() == 0


def test_create_with_an_unknown_draft_raises_not_found():
    with pytest.raises(DraftNotFound) as caught:
        _create(draft_id="draft_missing")

    assert caught.value.code == "NOT_FOUND"
    assert Asset.objects.count() == 0


def test_create_refuses_a_draft_of_another_brief():
    draft = DraftFactory(brief_id="brief_other")

    with pytest.raises(InvalidProductionInput) as caught:
        _create(draft_id=draft.id)

    assert list(caught.value.fields) == ["draft_id"]
    assert Asset.objects.count() == 0


def test_an_asset_walks_the_whole_publish_flow():
    asset = _create()

    with events.recording() as recorded:
        approved = production_api.asset_transition(
            asset_id=asset.id, to=AssetStatus.APPROVED
        )
        scheduled = production_api.asset_transition(
            asset_id=asset.id, to=AssetStatus.SCHEDULED, scheduled_for=WHEN
        )
        published = production_api.asset_transition(
            asset_id=asset.id, to=AssetStatus.PUBLISHED
        )

    assert approved.status == AssetStatus.APPROVED
    assert scheduled.status == AssetStatus.SCHEDULED
    assert scheduled.scheduled_for == WHEN
    assert published.status == AssetStatus.PUBLISHED
    assert published.scheduled_for == WHEN
    assert published.published_at is not None
    assert [(e.payload["from"], e.payload["to"]) for e in recorded] == [
        ("DRAFT", "APPROVED"),
        ("APPROVED", "SCHEDULED"),
        ("SCHEDULED", "PUBLISHED"),
    ]


@pytest.mark.parametrize(
    ("current", "requested", "allowed"),
    [
        ("DRAFT", "DRAFT", "APPROVED"),
        ("DRAFT", "SCHEDULED", "APPROVED"),
        ("DRAFT", "PUBLISHED", "APPROVED"),
        ("APPROVED", "DRAFT", "SCHEDULED"),
        ("APPROVED", "APPROVED", "SCHEDULED"),
        ("APPROVED", "PUBLISHED", "SCHEDULED"),
        ("SCHEDULED", "DRAFT", "PUBLISHED"),
        ("SCHEDULED", "APPROVED", "PUBLISHED"),
        ("SCHEDULED", "SCHEDULED", "PUBLISHED"),
        ("PUBLISHED", "DRAFT", None),
        ("PUBLISHED", "SCHEDULED", None),
        ("PUBLISHED", "PUBLISHED", None),
    ],
)
def test_an_illegal_move_raises_conflict_and_changes_nothing(
    current, requested, allowed
):
    timed = current in {"SCHEDULED", "PUBLISHED"}
    asset = AssetFactory(
        status=current,
        scheduled_for=WHEN if timed else None,
        published_at=WHEN if current == "PUBLISHED" else None,
    )
    before = _snapshot(asset.id)

    with (
        events.recording() as recorded,
        pytest.raises(IllegalAssetTransition) as caught,
    ):
        production_api.asset_transition(
            asset_id=asset.id,
            to=AssetStatus(requested),
            scheduled_for=WHEN if requested == "SCHEDULED" else None,
        )

    error = caught.value
    assert error.code == "CONFLICT"
    assert error.http_status == 409
    assert f"from {current} to {requested}" in error.message
    assert error.extra == {
        "asset_id": asset.id,
        "current_status": current,
        "requested_status": requested,
        "allowed_status": allowed,
    }
    assert _snapshot(asset.id) == before
    assert recorded == []


def test_scheduling_without_a_time_is_refused_and_changes_nothing():
    asset = AssetFactory(status="APPROVED")
    before = _snapshot(asset.id)

    with pytest.raises(InvalidProductionInput) as caught:
        production_api.asset_transition(asset_id=asset.id, to=AssetStatus.SCHEDULED)

    assert caught.value.code == "VALIDATION_ERROR"
    assert list(caught.value.fields) == ["scheduled_for"]
    assert _snapshot(asset.id) == before


def test_scheduling_with_a_naive_time_is_refused():
    asset = AssetFactory(status="APPROVED")

    with pytest.raises(InvalidProductionInput):
        production_api.asset_transition(
            asset_id=asset.id,
            to=AssetStatus.SCHEDULED,
            scheduled_for=dt.datetime(2027, 1, 14, 9, 30),  # noqa: DTZ001 - naive on purpose
        )

    assert Asset.objects.get(id=asset.id).status == "APPROVED"


def test_a_time_given_for_a_move_other_than_scheduling_is_refused():
    asset = AssetFactory()

    with pytest.raises(InvalidProductionInput) as caught:
        production_api.asset_transition(
            asset_id=asset.id, to=AssetStatus.APPROVED, scheduled_for=WHEN
        )

    assert list(caught.value.fields) == ["scheduled_for"]
    assert Asset.objects.get(id=asset.id).status == "DRAFT"


def test_an_unknown_target_status_is_refused():
    asset = AssetFactory()

    with pytest.raises(InvalidProductionInput) as caught:
        production_api.asset_transition(asset_id=asset.id, to="LIVE")

    assert list(caught.value.fields) == ["to"]


def test_transition_of_an_unknown_asset_raises_not_found():
    with pytest.raises(AssetNotFound) as caught:
        production_api.asset_transition(
            asset_id="asset_missing", to=AssetStatus.APPROVED
        )

    assert caught.value.code == "NOT_FOUND"


def test_get_unknown_asset_raises_not_found():
    with pytest.raises(AssetNotFound) as caught:
        production_api.asset_get(asset_id="asset_missing")

    assert caught.value.code == "NOT_FOUND"


def test_list_filters_by_brief_and_status():
    draft_one = AssetFactory(brief_id="brief_a")
    approved = AssetFactory(brief_id="brief_a", status="APPROVED")
    AssetFactory(brief_id="brief_b")

    assert [a.id for a in production_api.asset_list(brief_id="brief_a")] == [
        draft_one.id,
        approved.id,
    ]
    assert [
        a.id for a in production_api.asset_list(brief_id="brief_a", status="APPROVED")
    ] == [approved.id]


def test_list_rejects_an_unknown_status():
    with pytest.raises(InvalidProductionInput) as caught:
        production_api.asset_list(status="LIVE")

    assert list(caught.value.fields) == ["status"]
