"""Drafts: generate one per idempotency key, regenerate sections, discard."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from aicmo_site.kernel import events
from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.kernel.scope import ALL, Scope
from production import packs, selectors
from production.dto import (
    DraftSectionData,
    PackData,
    PostData,
    StrategyInput,
)
from production.errors import (
    DraftGenerationFailed,
    DraftNotActive,
    InvalidProductionInput,
    UnknownPack,
)
from production.generation.base import (
    ContentGenerator,
    ContentInvalid,
    finalize,
    render_markdown,
)
from production.generation.template import TemplateGenerator
from production.models import IDEMPOTENCY_KEY_MAX_LENGTH, Draft
from production.services import versions


def default_generator() -> ContentGenerator:
    """Return the generator used when the caller does not pass one."""
    return TemplateGenerator()


def pack_get(*, key: str) -> PackData:
    """Return the registered pack, or raise ``UnknownPack`` naming the known ones."""
    pack = packs.find_pack(key)
    if pack is None:
        raise UnknownPack(key=key, known=packs.pack_keys())
    return pack


def _check_key(idempotency_key: str) -> str:
    key = idempotency_key.strip()
    if not key or len(key) > IDEMPOTENCY_KEY_MAX_LENGTH:
        raise InvalidProductionInput(
            {
                "idempotency_key": [
                    f"Give a non-empty key of at most {IDEMPOTENCY_KEY_MAX_LENGTH} "
                    "characters."
                ]
            }
        )
    return key


@transaction.atomic
def draft_generate(
    *,
    brief: BriefContext,
    strategy: StrategyInput,
    pack: str,
    idempotency_key: str,
    generator: ContentGenerator | None = None,
) -> Draft:
    """Write and store the pack's draft for the brief, once per key."""
    key = _check_key(idempotency_key)
    existing = selectors.draft_by_idempotency_key(idempotency_key=key)
    if existing is not None:
        return existing
    pack_data = pack_get(key=pack)
    generator = generator or default_generator()
    if not generator.supports(pack_data):
        raise DraftGenerationFailed(
            f"The generator cannot write every section of pack '{pack_data.key}'.",
            extra={"pack": pack_data.key},
        )
    raw = generator.generate(brief=brief, strategy=strategy, pack=pack_data)
    try:
        written = finalize(raw, brief, pack_data)
    except ContentInvalid as exc:
        raise DraftGenerationFailed(
            f"The generated draft was not valid: {exc}.",
            extra={"brief_id": brief.brief_id, "pack": pack_data.key},
        ) from exc
    draft = Draft(
        brief_id=brief.brief_id,
        strategy_id=strategy.strategy_id,
        pack=pack_data.key,
        idempotency_key=key,
        title=written.title,
        sections=[
            {"key": s.key, "title": s.title, "body": s.body} for s in written.sections
        ],
        posts=_post_rows(written.posts),
        markdown=render_markdown(written.title, written.sections),
    )
    # The database enforces the unique key; a concurrent writer with the same key
    # surfaces as IntegrityError below, and its draft is returned.
    draft.full_clean(exclude=["idempotency_key"])
    try:
        with transaction.atomic():
            draft.save(force_insert=True)
    except IntegrityError:
        existing = selectors.draft_by_idempotency_key(idempotency_key=key)
        if existing is None:
            raise
        return existing
    versions.version_snapshot(draft, note="Generated.")
    events.record(
        events.DomainEvent(
            type="draft.generated",
            payload={
                "draft_id": draft.id,
                "brief_id": draft.brief_id,
                "strategy_id": draft.strategy_id,
                "pack": draft.pack,
            },
        )
    )
    return draft


def _post_rows(posts: tuple[PostData, ...]) -> list[dict]:
    return [
        {
            "date": p.date.isoformat(),
            "platform": p.platform,
            "pillar": p.pillar,
            "theme": p.theme,
            "hook": p.hook,
            "caption": p.caption,
            "cta": p.cta,
            "format": p.format,
        }
        for p in posts
    ]


def _check_regeneration(
    draft: Draft,
    pack: PackData,
    brief: BriefContext,
    strategy: StrategyInput,
    section_keys: tuple[str, ...],
    variant: int,
) -> tuple[str, ...]:
    """Return the requested keys in pack order, or raise naming every bad argument."""
    known = [s.key for s in pack.sections]
    problems: dict[str, list[str]] = {}
    unknown = [key for key in section_keys if key not in known]
    if not section_keys:
        problems["section_keys"] = ["Name at least one section to regenerate."]
    elif unknown:
        problems["section_keys"] = [
            f"Pack '{pack.key}' has no section {', '.join(map(repr, unknown))}. "
            f"Its sections: {', '.join(known)}."
        ]
    if isinstance(variant, bool) or not isinstance(variant, int) or variant < 0:
        problems["variant"] = ["Give a whole number of 0 or more."]
    if brief.brief_id != draft.brief_id:
        problems["brief"] = [
            f"Draft {draft.id} was written for brief {draft.brief_id}, not "
            f"{brief.brief_id}."
        ]
    if strategy.strategy_id != draft.strategy_id:
        problems["strategy"] = [
            f"Draft {draft.id} was written from strategy {draft.strategy_id}, not "
            f"{strategy.strategy_id}."
        ]
    if problems:
        raise InvalidProductionInput(problems)
    return tuple(key for key in known if key in section_keys)


@transaction.atomic
def draft_regenerate_sections(
    *,
    draft_id: str,
    brief: BriefContext,
    strategy: StrategyInput,
    section_keys: tuple[str, ...],
    variant: int,
    generator: ContentGenerator | None = None,
    scope: Scope = ALL,
) -> Draft:
    """Rewrite the named sections of an active draft in ``variant``, in place.

    The other sections keep their text, unless the calendar's posts changed: then
    each is rewritten in its own current variant, so that counts, dates and hooks
    agree with the new calendar (the revision lists them as ``refreshed``).
    """
    draft = versions.draft_lock_in_scope(draft_id=draft_id, scope=scope)
    pack_data = pack_get(key=draft.pack)
    keys = _check_regeneration(
        draft, pack_data, brief, strategy, tuple(section_keys), variant
    )
    if draft.status != Draft.Status.ACTIVE:
        raise DraftNotActive(draft_id=draft.id, status=draft.status)
    versions.version_backfill(draft)
    generator = generator or default_generator()
    variants = {**draft.section_variants(), **dict.fromkeys(keys, variant)}
    raw = generator.generate(
        brief=brief, strategy=strategy, pack=pack_data, variants=variants
    )
    try:
        written = finalize(raw, brief, pack_data)
    except ContentInvalid as exc:
        raise DraftGenerationFailed(
            f"The regenerated draft was not valid: {exc}.",
            extra={"draft_id": draft.id, "pack": pack_data.key},
        ) from exc
    posts = _post_rows(written.posts)
    posts_changed = posts != draft.posts
    fresh = {s.key: s for s in written.sections}
    sections, refreshed = [], []
    for stored in draft.sections:
        new = fresh[stored["key"]]
        if stored["key"] in keys:
            sections.append({"key": new.key, "title": new.title, "body": new.body})
        elif posts_changed and new.body != stored["body"]:
            refreshed.append(new.key)
            sections.append({"key": new.key, "title": new.title, "body": new.body})
        else:
            sections.append(stored)
    draft.sections = sections
    draft.posts = posts
    draft.markdown = render_markdown(
        draft.title,
        tuple(
            DraftSectionData(key=s["key"], title=s["title"], body=s["body"])
            for s in sections
        ),
    )
    draft.revisions = [
        *draft.revisions,
        {
            "variant": variant,
            "sections": list(keys),
            "refreshed": refreshed,
            "at": timezone.now().isoformat(),
        },
    ]
    versions.draft_save_version(
        draft,
        expected_version=draft.version,
        fields=("sections", "posts", "markdown", "revisions"),
    )
    note = f"Regenerated {', '.join(keys)} in variant {variant}."
    if refreshed:
        note += f" Refreshed {', '.join(refreshed)} to match the new calendar."
    versions.version_snapshot(draft, note=note)
    events.record(
        events.DomainEvent(
            type="draft.sections_regenerated",
            payload={
                "draft_id": draft.id,
                "brief_id": draft.brief_id,
                "section_keys": list(keys),
                "variant": variant,
                "refreshed": refreshed,
            },
        )
    )
    return draft


@transaction.atomic
def draft_discard(*, draft_id: str, scope: Scope = ALL) -> Draft:
    """Mark the draft discarded, keeping its row; discarding again is a no-op."""
    draft = versions.draft_lock_in_scope(draft_id=draft_id, scope=scope)
    if draft.status == Draft.Status.DISCARDED:
        return draft
    draft.status = Draft.Status.DISCARDED
    draft.save(update_fields=["status", "updated_at"])
    events.record(
        events.DomainEvent(
            type="draft.discarded",
            payload={"draft_id": draft.id, "brief_id": draft.brief_id},
        )
    )
    return draft
