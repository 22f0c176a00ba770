import dataclasses
import datetime as dt

import pytest

from aicmo_site.kernel import events
from production import api as production_api
from production.errors import (
    DraftNotActive,
    DraftNotFound,
    DraftVersionConflict,
    InvalidProductionInput,
)
from production.models import Draft
from production.services import versions as version_services
from tests.production.factories import DraftFactory

pytestmark = pytest.mark.django_db

CALENDAR = "detailed_30_day_calendar"


def _generate(brief, strategy, key="run1:draft"):
    return production_api.draft_generate(
        brief=brief, strategy=strategy, pack="quick_social_basic", idempotency_key=key
    )


def _amend(draft_id, expected_version, section_key="overview", body="New text."):
    return production_api.draft_amend(
        draft_id=draft_id,
        section_key=section_key,
        body=body,
        expected_version=expected_version,
        amended_by="olivia",
        note="Client asked for a shorter overview.",
    )


def _body(draft, key):
    return next(s.body for s in draft.sections if s.key == key)


def _expected_markdown(draft):
    parts = [f"# {draft.title}"] + [f"## {s.title}\n\n{s.body}" for s in draft.sections]
    return "\n\n".join(parts) + "\n"


def _unchanged(draft):
    """Assert the stored draft and its history are exactly as ``draft`` shows them."""
    assert production_api.draft_get(draft_id=draft.id) == draft
    versions = production_api.draft_versions(draft_id=draft.id)
    assert [v.version for v in versions] == list(range(1, draft.version + 1))
    assert versions[-1].markdown == draft.markdown


def test_generation_stores_version_one_in_the_history(brief, strategy):
    draft = _generate(brief, strategy)

    versions = production_api.draft_versions(draft_id=draft.id)

    assert draft.version == 1
    assert [(v.version, v.amended_by, v.note) for v in versions] == [
        (1, "", "Generated.")
    ]
    assert versions[0].markdown == draft.markdown


def test_amend_bumps_the_version_and_changes_only_that_section(brief, strategy):
    draft = _generate(brief, strategy)

    with events.recording() as recorded:
        amended = _amend(draft.id, 1, body="A shorter overview.\n\n- One point")

    assert amended.version == 2
    assert _body(amended, "overview") == "A shorter overview.\n\n- One point"
    assert [s for s in amended.sections if s.key != "overview"] == [
        s for s in draft.sections if s.key != "overview"
    ]
    assert amended.markdown == _expected_markdown(amended)
    assert amended.markdown != draft.markdown
    assert "## Overview\n\nA shorter overview.\n\n- One point\n\n## Messaging" in (
        amended.markdown
    )
    assert amended.posts == draft.posts
    assert (
        dataclasses.replace(
            amended, version=1, sections=draft.sections, markdown=draft.markdown
        )
        == draft
    )
    assert production_api.draft_get(draft_id=draft.id) == amended
    assert recorded == [
        events.DomainEvent(
            type="draft.amended",
            payload={
                "draft_id": draft.id,
                "version": 2,
                "section_key": "overview",
                "amended_by": "olivia",
            },
        )
    ]


def test_history_lists_every_version_in_order(brief, strategy):
    draft = _generate(brief, strategy)
    second = _amend(draft.id, 1, body="Second take.")
    third = production_api.draft_amend(
        draft_id=draft.id,
        section_key="final_summary",
        body="Third take.",
        expected_version=2,
        amended_by="sam",
    )

    versions = production_api.draft_versions(draft_id=draft.id)

    assert [(v.version, v.amended_by, v.note) for v in versions] == [
        (1, "", "Generated."),
        (2, "olivia", "Client asked for a shorter overview."),
        (3, "sam", ""),
    ]
    assert [v.markdown for v in versions] == [
        draft.markdown,
        second.markdown,
        third.markdown,
    ]
    assert versions[0].created_at <= versions[1].created_at <= versions[2].created_at
    assert all(v.created_at.tzinfo is not None for v in versions)


def test_stale_expected_version_conflicts_and_changes_nothing(brief, strategy):
    draft = _generate(brief, strategy)
    current = _amend(draft.id, 1, body="Someone else's edit.")

    with events.recording() as recorded, pytest.raises(DraftVersionConflict) as exc:
        _amend(draft.id, 1, body="My edit, made on version 1.")

    assert exc.value.code == "CONFLICT"
    assert exc.value.http_status == 409
    assert exc.value.extra == {"current_version": 2, "expected_version": 1}
    assert recorded == []
    _unchanged(current)


def test_expected_version_ahead_of_the_draft_conflicts(brief, strategy):
    draft = _generate(brief, strategy)

    with pytest.raises(DraftVersionConflict) as exc:
        _amend(draft.id, 5)

    assert exc.value.extra == {"current_version": 1, "expected_version": 5}
    _unchanged(draft)


def test_two_amendments_on_the_same_version_only_the_first_wins(brief, strategy):
    draft = _generate(brief, strategy)

    first = _amend(draft.id, 1, body="First writer.")
    with pytest.raises(DraftVersionConflict) as exc:
        _amend(draft.id, 1, body="Second writer.")

    assert exc.value.extra == {"current_version": 2, "expected_version": 1}
    assert _body(production_api.draft_get(draft_id=draft.id), "overview") == (
        "First writer."
    )
    _unchanged(first)


def test_the_versioned_update_refuses_a_stale_write_even_without_the_lock(
    brief, strategy, monkeypatch
):
    draft = _generate(brief, strategy)
    stale = Draft.objects.get(id=draft.id)
    winner = _amend(draft.id, 1, body="First writer.")
    # The second writer read version 1 before the first committed, as if no row
    # lock had made it wait.
    monkeypatch.setattr(version_services, "draft_lock", lambda *, draft_id: stale)

    with events.recording() as recorded, pytest.raises(DraftVersionConflict) as exc:
        _amend(draft.id, 1, body="Second writer.")

    assert exc.value.extra == {"current_version": 2, "expected_version": 1}
    assert recorded == []
    _unchanged(winner)


def test_discarded_draft_cannot_be_amended(brief, strategy):
    draft = production_api.draft_discard(draft_id=_generate(brief, strategy).id)

    with events.recording() as recorded, pytest.raises(DraftNotActive) as exc:
        _amend(draft.id, 1)

    assert exc.value.code == "CONFLICT"
    assert exc.value.http_status == 409
    assert exc.value.extra == {"draft_id": draft.id, "status": "discarded"}
    assert recorded == []
    _unchanged(draft)


@pytest.mark.parametrize(
    ("section_key", "body", "field"),
    [
        ("no_such_section", "Some text.", "section_key"),
        ("overview", "", "body"),
        ("overview", "  \n\t \n", "body"),
        ("overview", "## Overview\n\n", "body"),
        ("overview", "Intro.\n\n## Another section\n\nMore.", "body"),
        ("overview", "# A new report title\n\nText.", "body"),
    ],
)
def test_invalid_amendment_names_the_field_and_changes_nothing(
    brief, strategy, section_key, body, field
):
    draft = _generate(brief, strategy)

    with events.recording() as recorded, pytest.raises(InvalidProductionInput) as exc:
        _amend(draft.id, 1, section_key=section_key, body=body)

    assert exc.value.code == "VALIDATION_ERROR"
    assert exc.value.http_status == 400
    assert set(exc.value.fields) == {field}
    assert recorded == []
    _unchanged(draft)


def test_invalid_arguments_are_all_named_at_once(brief, strategy):
    draft = _generate(brief, strategy)

    with pytest.raises(InvalidProductionInput) as exc:
        production_api.draft_amend(
            draft_id=draft.id,
            section_key="nope",
            body=" ",
            expected_version=0,
            amended_by=" ",
            note="x" * 1001,
        )

    assert set(exc.value.fields) == {
        "section_key",
        "body",
        "expected_version",
        "amended_by",
        "note",
    }
    _unchanged(draft)


def test_amending_an_unknown_draft_raises_not_found():
    with pytest.raises(DraftNotFound) as exc:
        _amend("draft_missing", 1)

    assert exc.value.code == "NOT_FOUND"
    with pytest.raises(DraftNotFound):
        production_api.draft_versions(draft_id="draft_missing")


def test_a_pasted_section_heading_and_windows_line_ends_are_dropped(brief, strategy):
    draft = _generate(brief, strategy)

    amended = _amend(
        draft.id,
        1,
        body="\r\n## Overview\r\n\r\nLine one.\r\n\r\n### Detail\r\nTwo.\r\n",
    )

    assert _body(amended, "overview") == "Line one.\n\n### Detail\nTwo."
    assert amended.markdown == _expected_markdown(amended)
    assert amended.markdown.count("## Overview") == 1


def test_amending_the_calendar_reads_the_posts_from_its_table(brief, strategy):
    draft = _generate(brief, strategy)
    body = _body(draft, CALENDAR)
    first = draft.posts[0]
    new_hook = "Swap the queue for a doorstep loaf."
    # The operator rewrites the first post's hook in the table, and moves the last
    # post to another day and platform, without copy for it.
    last = draft.posts[-1]
    old_last_row = (
        f"| {last.date.isoformat()} | {last.platform} | {last.pillar} | "
        f"{last.theme} | {last.hook} | {last.cta} | {last.format} |"
    )
    assert old_last_row in body
    body = body.replace(f"| {first.hook} |", f"| {new_hook} |", 1).replace(
        old_last_row,
        f"| 2027-02-08 | Email | {last.pillar} | {last.theme} | {last.hook} | "
        f"{last.cta} | Newsletter |",
    )

    amended = _amend(draft.id, 1, section_key=CALENDAR, body=body)

    assert amended.version == 2
    assert len(amended.posts) == len(draft.posts)
    assert amended.posts[0] == dataclasses.replace(first, hook=new_hook)
    assert amended.posts[1:-1] == draft.posts[1:-1]
    assert amended.posts[-1] == dataclasses.replace(
        last,
        date=dt.date(2027, 2, 8),
        platform="Email",
        format="Newsletter",
        caption=f"{last.hook}\n\n{last.cta}",
    )
    note = production_api.draft_versions(draft_id=draft.id)[-1].note
    assert note == (
        "Client asked for a shorter overview.\n"
        f"Posts read from the calendar table ({len(draft.posts)}). No copy for "
        "2027-02-08 Email: each caption is its hook and CTA."
    )


def test_calendar_posts_take_their_captions_from_the_quoted_copy(brief, strategy):
    draft = _generate(brief, strategy)
    first = draft.posts[0]
    quoted = "\n".join(
        f"> {line}" if line else ">" for line in first.caption.split("\n")
    )
    body = _body(draft, CALENDAR).replace(quoted, "> A brand new caption.", 1)

    amended = _amend(draft.id, 1, section_key=CALENDAR, body=body)

    assert amended.posts[0] == dataclasses.replace(
        first, caption="A brand new caption."
    )
    assert amended.posts[1:] == draft.posts[1:]


@pytest.mark.parametrize("variant", [0, 1])
def test_the_generated_calendar_reads_back_as_the_same_posts(brief, strategy, variant):
    draft = _generate(brief, strategy)
    if variant:
        draft = production_api.draft_regenerate_sections(
            draft_id=draft.id,
            brief=brief,
            strategy=strategy,
            section_keys=(CALENDAR,),
            variant=variant,
        )

    amended = _amend(
        draft.id, draft.version, section_key=CALENDAR, body=_body(draft, CALENDAR)
    )

    assert amended.posts == draft.posts
    assert amended.markdown == draft.markdown
    assert amended.version == draft.version + 1


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            lambda body, _: body.replace("| Hook | CTA |", "| Opening line | CTA |"),
            "the section has no table headed "
            "| Date | Platform | Pillar | Theme | Hook | CTA | Format |",
        ),
        (
            lambda body, posts: body.replace(
                f"| {posts[1].date.isoformat()} | {posts[1].platform} |",
                f"| {posts[1].date.day} {posts[1].date:%B} | {posts[1].platform} |",
                1,
            ),
            "row 2 of the calendar table has '{second}' for its date, not a date "
            "written YYYY-MM-DD",
        ),
        (
            lambda body, posts: body.replace(f" | {posts[0].format} |", " |", 1),
            "row 1 of the calendar table has 6 cells, not 7",
        ),
    ],
)
def test_an_unreadable_calendar_keeps_the_text_and_leaves_the_posts(
    brief, strategy, change, reason
):
    draft = _generate(brief, strategy)
    second = draft.posts[1].date
    reason = reason.format(second=f"{second.day} {second:%B}")
    body = change(_body(draft, CALENDAR), draft.posts)
    assert body != _body(draft, CALENDAR)

    amended = _amend(draft.id, 1, section_key=CALENDAR, body=body)

    assert _body(amended, CALENDAR) == body
    assert amended.posts == draft.posts
    assert amended.version == 2
    note = production_api.draft_versions(draft_id=draft.id)[-1].note
    assert note == (
        f"Client asked for a shorter overview.\nPosts left as they were: {reason}."
    )


def test_regeneration_makes_a_new_version(brief, strategy):
    draft = _generate(brief, strategy)

    regenerated = production_api.draft_regenerate_sections(
        draft_id=draft.id,
        brief=brief,
        strategy=strategy,
        section_keys=("overview",),
        variant=1,
    )

    assert regenerated.version == 2
    versions = production_api.draft_versions(draft_id=draft.id)
    assert [(v.version, v.note) for v in versions] == [
        (1, "Generated."),
        (2, "Regenerated overview in variant 1."),
    ]
    assert versions[1].markdown == regenerated.markdown
    with pytest.raises(DraftVersionConflict):
        _amend(draft.id, 1)


def test_a_draft_without_history_gets_its_current_version_recorded_first():
    stored = DraftFactory()

    amended = _amend(stored.id, 1, body="Rewritten.")

    versions = production_api.draft_versions(draft_id=stored.id)
    assert [(v.version, v.amended_by, v.note) for v in versions] == [
        (1, "", "Recorded before the first change."),
        (2, "olivia", "Client asked for a shorter overview."),
    ]
    assert versions[0].markdown == stored.markdown
    assert amended.markdown == f"# {stored.title}\n\n## Overview\n\nRewritten.\n"
