import dataclasses

import pytest

from aicmo_site.kernel import events
from production import api as production_api
from production.dto import DraftStatus
from production.errors import (
    DraftGenerationFailed,
    DraftNotFound,
    InvalidProductionInput,
    UnknownPack,
)
from production.generation.template import TemplateGenerator
from production.models import Draft
from production.services import drafts as draft_services
from tests.briefs import make_brief
from tests.production.factories import DraftFactory

pytestmark = pytest.mark.django_db


def _generate(brief, strategy, key="run1:draft", pack="quick_social_basic"):
    return production_api.draft_generate(
        brief=brief, strategy=strategy, pack=pack, idempotency_key=key
    )


def test_generate_stores_an_active_draft_with_sections_in_pack_order(brief, strategy):
    draft = _generate(brief, strategy)

    assert draft.id.startswith("draft_")
    assert draft.brief_id == "brief_01bakery"
    assert draft.strategy_id == "strat_01bakery"
    assert draft.pack == "quick_social_basic"
    assert draft.status == DraftStatus.ACTIVE
    assert draft.title == "Kiln & Crumb: Quick Social Basic, January 2027"
    pack = production_api.pack_get(key="quick_social_basic")
    assert [(s.key, s.title) for s in draft.sections] == [
        (s.key, s.title) for s in pack.sections
    ]
    assert all(s.body.strip() for s in draft.sections)
    assert Draft.objects.get(id=draft.id).idempotency_key == "run1:draft"


def test_markdown_is_the_title_then_every_section_in_order(brief, strategy):
    draft = _generate(brief, strategy)

    expected = "\n\n".join(
        [f"# {draft.title}"] + [f"## {s.title}\n\n{s.body}" for s in draft.sections]
    )
    assert draft.markdown == expected + "\n"
    assert not any(s.body.lstrip().startswith("## ") for s in draft.sections)


def test_generate_same_key_returns_the_existing_draft_unchanged(brief, strategy):
    first = _generate(brief, strategy)

    with events.recording() as recorded:
        again = _generate(make_brief(brand="Other"), strategy)

    assert again == first
    assert Draft.objects.count() == 1
    assert recorded == []


def test_generate_records_the_generated_event(brief, strategy):
    with events.recording() as recorded:
        draft = _generate(brief, strategy)

    assert recorded == [
        events.DomainEvent(
            type="draft.generated",
            payload={
                "draft_id": draft.id,
                "brief_id": "brief_01bakery",
                "strategy_id": "strat_01bakery",
                "pack": "quick_social_basic",
            },
        )
    ]


def test_generation_is_deterministic(brief, strategy):
    first = _generate(brief, strategy, key="a")
    second = _generate(brief, strategy, key="b")

    assert first.id != second.id
    assert (first.title, first.sections, first.posts, first.markdown) == (
        second.title,
        second.sections,
        second.posts,
        second.markdown,
    )


def test_generate_round_trips_posts_through_the_database(brief, strategy):
    draft = _generate(brief, strategy)

    assert production_api.draft_get(draft_id=draft.id) == draft


def test_unknown_pack_is_refused_and_nothing_is_stored(brief, strategy):
    with pytest.raises(UnknownPack) as caught:
        _generate(brief, strategy, pack="nope")

    assert caught.value.code == "VALIDATION_ERROR"
    assert caught.value.fields == {
        "pack": [
            "Unknown pack 'nope'. Known packs: quick_social_basic, "
            "strategy_campaign_standard."
        ]
    }
    assert Draft.objects.count() == 0


def test_blank_idempotency_key_is_refused(brief, strategy):
    with pytest.raises(InvalidProductionInput) as caught:
        _generate(brief, strategy, key=" ")

    assert list(caught.value.fields) == ["idempotency_key"]
    assert Draft.objects.count() == 0


class MissingSection(TemplateGenerator):
    def generate(self, *, brief, strategy, pack):
        draft = super().generate(brief=brief, strategy=strategy, pack=pack)
        return dataclasses.replace(draft, sections=draft.sections[:-1])


def test_a_generator_that_skips_a_section_is_refused(brief, strategy):
    with pytest.raises(DraftGenerationFailed) as caught:
        draft_services.draft_generate(
            brief=brief,
            strategy=strategy,
            pack="quick_social_basic",
            idempotency_key="k",
            generator=MissingSection(),
        )

    assert caught.value.code == "GENERATION_FAILED"
    assert Draft.objects.count() == 0


def test_get_unknown_draft_raises_not_found():
    with pytest.raises(DraftNotFound) as caught:
        production_api.draft_get(draft_id="draft_missing")

    assert caught.value.code == "NOT_FOUND"
    assert caught.value.http_status == 404


def test_discard_keeps_the_row_and_is_idempotent():
    draft = DraftFactory()

    with events.recording() as recorded:
        first = production_api.draft_discard(draft_id=draft.id)
        second = production_api.draft_discard(draft_id=draft.id)

    assert first.status == second.status == DraftStatus.DISCARDED
    assert Draft.objects.filter(id=draft.id).count() == 1
    assert recorded == [
        events.DomainEvent(
            type="draft.discarded",
            payload={"draft_id": draft.id, "brief_id": draft.brief_id},
        )
    ]


def test_discard_unknown_draft_raises_not_found():
    with pytest.raises(DraftNotFound) as caught:
        production_api.draft_discard(draft_id="draft_missing")

    assert caught.value.code == "NOT_FOUND"


def test_list_leaves_out_discarded_drafts_unless_asked():
    kept = DraftFactory(brief_id="brief_a")
    gone = DraftFactory(brief_id="brief_a", status=Draft.Status.DISCARDED)
    DraftFactory(brief_id="brief_b")

    default = production_api.draft_list(brief_id="brief_a")
    discarded = production_api.draft_list(brief_id="brief_a", status="discarded")

    assert [d.id for d in default] == [kept.id]
    assert [d.id for d in discarded] == [gone.id]


def test_list_pages_with_limit_and_after_id():
    rows = [DraftFactory(brief_id="brief_a") for _ in range(3)]

    first = production_api.draft_list(limit=2)
    rest = production_api.draft_list(limit=2, after_id=first[-1].id)

    assert [d.id for d in first] == [rows[0].id, rows[1].id]
    assert [d.id for d in rest] == [rows[2].id]


def test_list_rejects_an_unknown_status():
    with pytest.raises(InvalidProductionInput) as caught:
        production_api.draft_list(status="archived")

    assert list(caught.value.fields) == ["status"]


class RecordingGenerator(TemplateGenerator):
    """Stands in for an LLM-backed generator: records the variants it is asked for."""

    def __init__(self):
        self.calls = []

    def generate(self, *, brief, strategy, pack, variants=None):
        self.calls.append(dict(variants or {}))
        return super().generate(
            brief=brief, strategy=strategy, pack=pack, variants=variants
        )


def test_regeneration_passes_every_sections_variant_to_the_generator(brief, strategy):
    draft = _generate(brief, strategy)
    generator = RecordingGenerator()

    draft_services.draft_regenerate_sections(
        draft_id=draft.id,
        brief=brief,
        strategy=strategy,
        section_keys=("overview",),
        variant=2,
        generator=generator,
    )
    draft_services.draft_regenerate_sections(
        draft_id=draft.id,
        brief=brief,
        strategy=strategy,
        section_keys=("final_summary", "overview"),
        variant=1,
        generator=generator,
    )

    assert generator.calls == [
        {"overview": 2},
        {"overview": 1, "final_summary": 1},
    ]
    stored = production_api.draft_get(draft_id=draft.id)
    assert [(r.variant, r.sections) for r in stored.revisions] == [
        (2, ("overview",)),
        (1, ("overview", "final_summary")),
    ]
