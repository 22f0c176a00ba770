"""Regenerating the sections of real drafts, for every example brief.

The drafts are those of ``test_content_properties.py`` (the ``written`` fixture of
``conftest.py``): what a regeneration rewrites, what it keeps, what it refuses.
"""

import dataclasses

import pytest

from aicmo_site.kernel import events
from production import api as production_api
from production.errors import DraftNotActive, DraftNotFound, InvalidProductionInput
from production.generation.base import render_markdown
from tests.production.conftest import CAMPAIGN, body
from tests.production.examples import EXAMPLE_BRIEFS, PACKS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("pack", PACKS)
@pytest.mark.parametrize("name", EXAMPLE_BRIEFS)
def test_variant_1_rewrites_every_section_and_records_one_revision(written, name, pack):
    ex, first = written(name, pack)
    keys = tuple(s.key for s in first.sections)

    with events.recording() as recorded:
        again = production_api.draft_regenerate_sections(
            draft_id=first.id,
            brief=ex.brief,
            strategy=ex.strategy,
            section_keys=keys,
            variant=1,
        )

    for before, after in zip(first.sections, again.sections, strict=True):
        assert (after.key, after.title) == (before.key, before.title)
        assert after.body != before.body, after.key
    assert [(r.variant, r.sections, r.refreshed) for r in again.revisions] == [
        (1, keys, ())
    ]
    assert again.markdown == render_markdown(again.title, again.sections)
    assert again.posts != first.posts
    assert production_api.draft_get(draft_id=first.id) == again
    assert recorded == [
        events.DomainEvent(
            type="draft.sections_regenerated",
            payload={
                "draft_id": first.id,
                "brief_id": ex.brief.brief_id,
                "section_keys": list(keys),
                "variant": 1,
                "refreshed": [],
            },
        )
    ]


def test_regenerating_one_section_leaves_the_others_as_they_were(written):
    ex, first = written("ledgerly_saas_sales.json")

    again = production_api.draft_regenerate_sections(
        draft_id=first.id,
        brief=ex.brief,
        strategy=ex.strategy,
        section_keys=("persona_cards",),
        variant=1,
    )

    changed = [
        a.key for a, b in zip(again.sections, first.sections, strict=True) if a != b
    ]
    assert changed == ["persona_cards"]
    assert again.posts == first.posts
    assert [(r.variant, r.sections, r.refreshed) for r in again.revisions] == [
        (1, ("persona_cards",), ())
    ]


def test_a_new_calendar_refreshes_the_sections_that_quote_its_posts(written):
    ex, first = written("peakform_fitness_retention.json")

    again = production_api.draft_regenerate_sections(
        draft_id=first.id,
        brief=ex.brief,
        strategy=ex.strategy,
        section_keys=("detailed_30_day_calendar",),
        variant=1,
    )

    [revision] = again.revisions
    assert revision.sections == ("detailed_30_day_calendar",)
    assert revision.refreshed
    assert "detailed_30_day_calendar" not in revision.refreshed
    assert again.posts != first.posts
    for before, after in zip(first.sections, again.sections, strict=True):
        if after.key in revision.sections + revision.refreshed:
            assert after.body != before.body, after.key
        else:
            assert after.body == before.body, after.key
    # The whole draft agrees with the new calendar, as a fresh variant-1 calendar
    # would have it.
    fresh = production_api.draft_generate(
        brief=ex.brief, strategy=ex.strategy, pack=CAMPAIGN, idempotency_key="fresh"
    )
    fresh = production_api.draft_regenerate_sections(
        draft_id=fresh.id,
        brief=ex.brief,
        strategy=ex.strategy,
        section_keys=("detailed_30_day_calendar",),
        variant=1,
    )
    assert again.sections == fresh.sections
    assert again.posts == fresh.posts


def test_a_section_keeps_its_variant_when_another_is_regenerated(written):
    ex, first = written("open_shelter_nonprofit.json")
    regenerate = production_api.draft_regenerate_sections

    second = regenerate(
        draft_id=first.id,
        brief=ex.brief,
        strategy=ex.strategy,
        section_keys=("overview",),
        variant=1,
    )
    third = regenerate(
        draft_id=first.id,
        brief=ex.brief,
        strategy=ex.strategy,
        section_keys=("detailed_30_day_calendar",),
        variant=1,
    )

    assert body(third, "overview") != body(first, "overview")
    assert body(third, "overview").startswith(body(second, "overview")[:40])
    assert [r.variant for r in third.revisions] == [1, 1]


def test_a_discarded_draft_cannot_be_regenerated_and_nothing_changes(written):
    ex, draft = written("brightsmile_dental.json")
    discarded = production_api.draft_discard(draft_id=draft.id)

    with events.recording() as recorded, pytest.raises(DraftNotActive) as caught:
        production_api.draft_regenerate_sections(
            draft_id=draft.id,
            brief=ex.brief,
            strategy=ex.strategy,
            section_keys=("overview",),
            variant=1,
        )

    assert caught.value.code == "CONFLICT"
    assert caught.value.http_status == 409
    assert production_api.draft_get(draft_id=draft.id) == discarded
    assert recorded == []


@pytest.mark.parametrize(
    ("keys", "variant", "field"),
    [
        (("overview", "hashtag_strategy"), 1, "section_keys"),
        (("no_such_section",), 1, "section_keys"),
        ((), 1, "section_keys"),
        (("overview",), -1, "variant"),
    ],
    ids=["other_pack", "unknown", "empty", "negative_variant"],
)
def test_bad_arguments_are_refused_and_nothing_changes(written, keys, variant, field):
    ex, draft = written("harvest_table_restaurant.json")

    with (
        events.recording() as recorded,
        pytest.raises(InvalidProductionInput) as caught,
    ):
        production_api.draft_regenerate_sections(
            draft_id=draft.id,
            brief=ex.brief,
            strategy=ex.strategy,
            section_keys=keys,
            variant=variant,
        )

    assert caught.value.code == "VALIDATION_ERROR"
    assert list(caught.value.fields) == [field]
    assert production_api.draft_get(draft_id=draft.id) == draft
    assert recorded == []


def test_another_briefs_context_is_refused(written):
    ex, draft = written("harvest_table_restaurant.json")
    other = dataclasses.replace(ex.brief, brief_id="brief_other")

    with pytest.raises(InvalidProductionInput) as caught:
        production_api.draft_regenerate_sections(
            draft_id=draft.id,
            brief=other,
            strategy=ex.strategy,
            section_keys=("overview",),
            variant=1,
        )

    assert list(caught.value.fields) == ["brief"]
    assert production_api.draft_get(draft_id=draft.id) == draft


def test_an_unknown_draft_is_not_found(written):
    ex, _ = written("harvest_table_restaurant.json")

    with pytest.raises(DraftNotFound) as caught:
        production_api.draft_regenerate_sections(
            draft_id="draft_missing",
            brief=ex.brief,
            strategy=ex.strategy,
            section_keys=("overview",),
            variant=1,
        )

    assert caught.value.code == "NOT_FOUND"
