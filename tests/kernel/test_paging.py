"""The kernel's list paging: the limit every list takes, and keyset pages."""

import datetime as dt

import pytest

from aicmo_site.kernel import paging
from aicmo_site.kernel.errors import ValidationFailed
from qc.errors import QcInputInvalid
from strategy.models import Strategy
from tests.strategy.factories import StrategyFactory

LIMIT_ERROR = {"limit": ["Must be a whole number from 1 to 200."]}


@pytest.mark.parametrize("limit", [1, 50, 200])
def test_a_limit_from_1_to_200_is_accepted(limit):
    assert paging.limit_errors(limit) == {}
    paging.check_limit(limit)


@pytest.mark.parametrize("limit", [0, -1, 201, 500, True, 2.0, "10", None])
def test_any_other_limit_is_a_field_error(limit):
    assert paging.limit_errors(limit) == LIMIT_ERROR
    with pytest.raises(ValidationFailed) as caught:
        paging.check_limit(limit)
    assert caught.value.fields == LIMIT_ERROR


def test_a_bad_limit_raises_the_apps_own_error():
    with pytest.raises(QcInputInvalid) as caught:
        paging.check_limit(0, error=QcInputInvalid)

    assert caught.value.code == "VALIDATION_ERROR"
    assert caught.value.fields == LIMIT_ERROR


def _strategies(*created: dt.datetime) -> list[Strategy]:
    rows = [StrategyFactory() for _ in created]
    for row, at in zip(rows, created, strict=True):
        Strategy.objects.filter(pk=row.pk).update(created_at=at)
    return rows


@pytest.mark.django_db
def test_pages_by_id_go_up_or_down_and_continue_after_the_given_id():
    ids = sorted(StrategyFactory().id for _ in range(3))
    everything = Strategy.objects.all()

    def page(**kwargs):
        return [row.id for row in paging.page_by_id(everything, **kwargs)]

    assert page(limit=2, after_id=None) == ids[:2]
    assert page(limit=2, after_id=ids[1]) == ids[2:]
    assert page(limit=2, after_id=None, descending=True) == ids[::-1][:2]
    assert page(limit=2, after_id=ids[1], descending=True) == ids[:1]


@pytest.mark.django_db
def test_pages_by_creation_break_ties_by_id_and_anchor_on_the_given_row():
    noon = dt.datetime(2027, 1, 11, 12, tzinfo=dt.UTC)
    late, tied_a, tied_b = _strategies(noon + dt.timedelta(hours=1), noon, noon)
    tied = sorted([tied_a.id, tied_b.id])
    everything = Strategy.objects.all()

    def page(after_id):
        return [
            row.id
            for row in paging.page_by_creation(everything, limit=10, after_id=after_id)
        ]

    assert page(None) == [*tied, late.id]
    assert page(tied[0]) == [tied[1], late.id]
    assert page(late.id) == []
    # An id no row has keeps the rows with greater ids, still in creation order.
    assert page("strat_") == [*tied, late.id]
    assert page("strat_~") == []
