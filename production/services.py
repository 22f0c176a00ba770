import datetime as dt
import re
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from aicmo_site.kernel import events
from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.writing.markdown import (
    is_table_row,
    is_table_start,
    split_row,
    strip_inline,
)
from production import packs, selectors
from production.dto import (
    AssetStatus,
    DraftSectionData,
    PackData,
    PostData,
    StrategyInput,
)
from production.errors import (
    AssetNotFound,
    DraftGenerationFailed,
    DraftNotActive,
    DraftNotFound,
    DraftVersionConflict,
    IllegalAssetTransition,
    InvalidProductionInput,
    UnknownPack,
)
from production.generation.base import (
    ContentGenerator,
    ContentInvalid,
    finalize,
    render_markdown,
)
from production.generation.sections import CALENDAR_SECTION, short_date
from production.generation.template import TemplateGenerator
from production.models import (
    AMENDED_BY_MAX_LENGTH,
    IDEMPOTENCY_KEY_MAX_LENGTH,
    Asset,
    Draft,
    DraftVersion,
)

NOTE_MAX_LENGTH = 1000
# The calendar table's columns, as the generator writes them (``CALENDAR_HEADER``).
CALENDAR_COLUMNS = ("Date", "Platform", "Pillar", "Theme", "Hook", "CTA", "Format")

ASSET_FLOW = (
    AssetStatus.DRAFT,
    AssetStatus.APPROVED,
    AssetStatus.SCHEDULED,
    AssetStatus.PUBLISHED,
)


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
    _version_snapshot(draft, note="Generated.")
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
) -> Draft:
    """Rewrite the named sections of an active draft in ``variant``, in place.

    The other sections keep their text, unless the calendar's posts changed: then
    each is rewritten in its own current variant, so that counts, dates and hooks
    agree with the new calendar (the revision lists them as ``refreshed``).
    """
    draft = _draft_lock(draft_id=draft_id)
    pack_data = pack_get(key=draft.pack)
    keys = _check_regeneration(
        draft, pack_data, brief, strategy, tuple(section_keys), variant
    )
    if draft.status != Draft.Status.ACTIVE:
        raise DraftNotActive(draft_id=draft.id, status=draft.status)
    _version_backfill(draft)
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
    _draft_save_version(
        draft,
        expected_version=draft.version,
        fields=("sections", "posts", "markdown", "revisions"),
    )
    note = f"Regenerated {', '.join(keys)} in variant {variant}."
    if refreshed:
        note += f" Refreshed {', '.join(refreshed)} to match the new calendar."
    _version_snapshot(draft, note=note)
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
def draft_discard(*, draft_id: str) -> Draft:
    """Mark the draft discarded, keeping its row; discarding again is a no-op."""
    draft = _draft_lock(draft_id=draft_id)
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


def _draft_lock(*, draft_id: str) -> Draft:
    """Return the draft, locked for update until the transaction ends."""
    draft = Draft.objects.select_for_update().filter(id=draft_id).first()
    if draft is None:
        raise DraftNotFound(
            f"Draft {draft_id!r} not found.", extra={"draft_id": draft_id}
        )
    return draft


def _version_snapshot(draft: Draft, *, amended_by: str = "", note: str = "") -> None:
    """Store the draft's current content as its current version."""
    snapshot = DraftVersion(
        draft=draft,
        version=draft.version,
        sections=draft.sections,
        posts=draft.posts,
        markdown=draft.markdown,
        amended_by=amended_by,
        note=note,
    )
    snapshot.full_clean(exclude=["draft"])
    snapshot.save(force_insert=True)


def _version_backfill(draft: Draft) -> None:
    """Store the current version first if it has no snapshot yet.

    Generation and the migration that introduced versions store every draft's
    version 1; this keeps the history whole for a draft made any other way.
    """
    if not DraftVersion.objects.filter(draft=draft, version=draft.version).exists():
        _version_snapshot(draft, note="Recorded before the first change.")


def _draft_save_version(
    draft: Draft, *, expected_version: int, fields: tuple[str, ...]
) -> None:
    """Write ``fields`` and the next version, only if the row is still at ``expected``.

    The lock already serialises writers; the version condition makes the write safe
    without it too, so two edits based on the same version can never both land.

    Raises:
        DraftVersionConflict: the stored draft is no longer at ``expected_version``.
    """
    draft.version = expected_version + 1
    draft.updated_at = timezone.now()
    written = (*fields, "version", "updated_at")
    # Check what is written (and the constraints on it), not what the row holds.
    draft.full_clean(
        exclude=[f.name for f in Draft._meta.concrete_fields if f.name not in written]
    )
    values = {name: getattr(draft, name) for name in written}
    updated = Draft.objects.filter(pk=draft.pk, version=expected_version).update(
        **values
    )
    if updated != 1:
        current = (
            Draft.objects.filter(pk=draft.pk).values_list("version", flat=True).first()
        )
        raise DraftVersionConflict(
            draft_id=draft.id,
            current_version=current or 0,
            expected_version=expected_version,
        )


@dataclass(frozen=True, slots=True)
class _CalendarParse:
    """Posts read from an amended calendar, or why they were kept as they were."""

    posts: list[dict] | None
    remark: str


class _CalendarUnreadable(ValueError):
    """The amended calendar's table cannot be read as posts."""


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# ``**Mon 11 Jan · Instagram · Reel** (Pillar)``: the heading of one post's copy.
_COPY_HEADING = re.compile(r"^\*\*(?P<day>[^*·]+?) · (?P<platform>[^*·]+?) · [^*]+\*\*")


def _plain(cell: str) -> str:
    return strip_inline(cell).casefold()


def _calendar_rows(body: str) -> list[list[str]]:
    """Return the cells of every row of the calendar table, in table order.

    Read row by row rather than through ``tables_in``, which pads ragged rows and
    skips a header without its rule: the remark must say what is wrong.
    """
    lines = body.split("\n")
    wanted = [column.casefold() for column in CALENDAR_COLUMNS]
    start = next(
        (
            index
            for index, line in enumerate(lines)
            if "|" in line and [_plain(c) for c in split_row(line)] == wanted
        ),
        None,
    )
    header = " | ".join(CALENDAR_COLUMNS)
    if start is None:
        raise _CalendarUnreadable(f"the section has no table headed | {header} |")
    rule = lines[start + 1] if start + 1 < len(lines) else ""
    if not is_table_start(lines[start], rule):
        raise _CalendarUnreadable(
            "the calendar table's header has no --- rule under it"
        )
    rows = []
    for line in lines[start + 2 :]:
        if not is_table_row(line):
            break
        rows.append(split_row(line))
    if not rows:
        raise _CalendarUnreadable("the calendar table has no posts")
    for number, cells in enumerate(rows, start=1):
        if len(cells) != len(wanted):
            raise _CalendarUnreadable(
                f"row {number} of the calendar table has {len(cells)} cells, not "
                f"{len(wanted)}"
            )
        try:
            if not _ISO_DATE.match(cells[0]):
                raise ValueError(cells[0])
            dt.date.fromisoformat(cells[0])
        except ValueError:
            raise _CalendarUnreadable(
                f"row {number} of the calendar table has {cells[0]!r} for its date, "
                "not a date written YYYY-MM-DD"
            ) from None
        empty = [
            name for name, cell in zip(CALENDAR_COLUMNS, cells, strict=True) if not cell
        ]
        if empty:
            raise _CalendarUnreadable(
                f"row {number} of the calendar table has no {', '.join(empty)}"
            )
    return rows


def _calendar_copy(body: str) -> dict[tuple[str, str], list[str]]:
    """Return each post's quoted copy by (short date, platform), in body order."""
    copy: dict[tuple[str, str], list[str]] = {}
    lines = body.split("\n")
    index = 0
    while index < len(lines):
        heading = _COPY_HEADING.match(lines[index].strip())
        index += 1
        if heading is None:
            continue
        while index < len(lines) and not lines[index].strip():
            index += 1
        quoted = []
        while index < len(lines) and lines[index].lstrip().startswith(">"):
            line = lines[index].lstrip()[1:]
            quoted.append(line.removeprefix(" "))
            index += 1
        caption = "\n".join(quoted).strip()
        if caption:
            key = (heading["day"].strip(), heading["platform"].strip().casefold())
            copy.setdefault(key, []).append(caption)
    return copy


def _calendar_parse(body: str, old_posts: list[dict]) -> _CalendarParse:
    """Read the posts of an amended calendar section.

    The table gives each post's date, platform, pillar, theme, hook, CTA and format.
    Its caption is the post's quoted copy in the section (matched by day and
    platform); failing that, the caption of the old post on the same day and
    platform; failing that, the hook and the CTA. When the table cannot be read,
    the posts stay as they were and the remark says why.
    """
    try:
        rows = _calendar_rows(body)
    except _CalendarUnreadable as exc:
        return _CalendarParse(posts=None, remark=f"Posts left as they were: {exc}.")
    copy = _calendar_copy(body)
    old: dict[tuple[str, str], list[str]] = {}
    for post in old_posts:
        key = (post["date"], post["platform"].casefold())
        old.setdefault(key, []).append(post["caption"])
    posts, composed = [], []
    for date, platform, pillar, theme, hook, cta, format in rows:
        day = dt.date.fromisoformat(date)
        quoted = copy.get((short_date(day), platform.casefold()))
        previous = old.get((date, platform.casefold()))
        if quoted:
            caption = quoted.pop(0)
        elif previous:
            caption = previous.pop(0)
        else:
            caption = f"{hook}\n\n{cta}"
            composed.append(f"{date} {platform}")
        posts.append(
            {
                "date": date,
                "platform": platform,
                "pillar": pillar,
                "theme": theme,
                "hook": hook,
                "caption": caption,
                "cta": cta,
                "format": format,
            }
        )
    posts.sort(key=lambda post: post["date"])
    remark = f"Posts read from the calendar table ({len(posts)})."
    if composed:
        remark += (
            f" No copy for {', '.join(composed)}: each caption is its hook and CTA."
        )
    return _CalendarParse(posts=posts, remark=remark)


def _amended_body(body: str, title: str) -> str:
    """Return the body as stored: LF line ends, no pasted ``## title`` line, trimmed."""
    text = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    first, _, rest = text.partition("\n")
    if first.startswith("## ") and _plain(first[3:].rstrip("# ")) == _plain(title):
        text = rest.strip()
    return text


def _check_amendment(
    draft: Draft,
    *,
    section_key: str,
    body: str,
    expected_version: int,
    amended_by: str,
    note: str,
) -> tuple[dict, str]:
    """Return the section to amend and its new body, or raise naming every problem."""
    problems: dict[str, list[str]] = {}
    section = next((s for s in draft.sections if s["key"] == section_key), None)
    if section is None:
        known = ", ".join(s["key"] for s in draft.sections)
        problems["section_key"] = [
            f"Draft {draft.id} has no section {section_key!r}. Its sections: {known}."
        ]
    text = _amended_body(body, section["title"] if section else "")
    if not text:
        problems["body"] = ["Write the section's text; it cannot be empty."]
    else:
        headings = [line for line in text.split("\n") if line.startswith(("# ", "## "))]
        if headings:
            problems["body"] = [
                f"A section cannot contain # or ## headings ({headings[0]!r}); "
                "use ### for a sub-heading."
            ]
    if (
        isinstance(expected_version, bool)
        or not isinstance(expected_version, int)
        or expected_version < 1
    ):
        problems["expected_version"] = [
            "Give the draft version you edited (1 or more)."
        ]
    who = amended_by.strip()
    if not who or len(who) > AMENDED_BY_MAX_LENGTH:
        problems["amended_by"] = [
            f"Name who made the edit, in at most {AMENDED_BY_MAX_LENGTH} characters."
        ]
    if len(note.strip()) > NOTE_MAX_LENGTH:
        problems["note"] = [f"Keep the note to at most {NOTE_MAX_LENGTH} characters."]
    if problems:
        raise InvalidProductionInput(problems)
    assert section is not None
    return section, text


@transaction.atomic
def draft_amend(
    *,
    draft_id: str,
    section_key: str,
    body: str,
    expected_version: int,
    amended_by: str,
    note: str = "",
) -> Draft:
    """Replace one section's text in an active draft, as its next version.

    The edit applies only if the draft is still at ``expected_version``. A pasted
    ``## <section title>`` first line is dropped. Amending the calendar re-reads the
    posts from its table (see ``_calendar_parse``); the version's note records how.
    """
    draft = _draft_lock(draft_id=draft_id)
    section, text = _check_amendment(
        draft,
        section_key=section_key,
        body=body,
        expected_version=expected_version,
        amended_by=amended_by,
        note=note,
    )
    if draft.status != Draft.Status.ACTIVE:
        raise DraftNotActive(draft_id=draft.id, status=draft.status, action="amended")
    if expected_version != draft.version:
        raise DraftVersionConflict(
            draft_id=draft.id,
            current_version=draft.version,
            expected_version=expected_version,
        )
    _version_backfill(draft)
    notes = [note.strip()]
    fields: tuple[str, ...] = ("sections", "markdown")
    if section_key == CALENDAR_SECTION:
        parsed = _calendar_parse(text, draft.posts)
        if parsed.posts is not None:
            draft.posts = parsed.posts
            fields += ("posts",)
        notes.append(parsed.remark)
    draft.sections = [
        {**s, "body": text} if s["key"] == section["key"] else s for s in draft.sections
    ]
    draft.markdown = render_markdown(
        draft.title,
        tuple(
            DraftSectionData(key=s["key"], title=s["title"], body=s["body"])
            for s in draft.sections
        ),
    )
    _draft_save_version(draft, expected_version=expected_version, fields=fields)
    _version_snapshot(
        draft,
        amended_by=amended_by.strip(),
        note="\n".join(part for part in notes if part),
    )
    events.record(
        events.DomainEvent(
            type="draft.amended",
            payload={
                "draft_id": draft.id,
                "version": draft.version,
                "section_key": section_key,
                "amended_by": amended_by.strip(),
            },
        )
    )
    return draft


def _max_length(field: str) -> int:
    return getattr(Asset._meta.get_field(field), "max_length", None) or 0


@transaction.atomic
def asset_create(
    *,
    brief_id: str,
    platform: str,
    format: str,
    hook: str,
    caption: str,
    cta: str,
    draft_id: str | None = None,
) -> Asset:
    """Create a creative asset in DRAFT status."""
    values = {
        "brief_id": brief_id.strip(),
        "platform": platform.strip(),
        "format": format.strip(),
        "hook": hook.strip(),
        "caption": caption.strip(),
        "cta": cta.strip(),
    }
    problems: dict[str, list[str]] = {}
    for name, value in values.items():
        limit = _max_length(name) if name != "caption" else 0
        if not value:
            problems[name] = ["This field cannot be blank."]
        elif limit and len(value) > limit:
            problems[name] = [f"Use at most {limit} characters."]
    draft = None
    if draft_id is not None:
        draft = selectors.draft_get(draft_id=draft_id)
        if draft is None:
            raise DraftNotFound(
                f"Draft {draft_id!r} not found.", extra={"draft_id": draft_id}
            )
        if values["brief_id"] and draft.brief_id != values["brief_id"]:
            problems["draft_id"] = [
                f"Draft {draft.id} belongs to brief {draft.brief_id}, not "
                f"{values['brief_id']}."
            ]
    if problems:
        raise InvalidProductionInput(problems)
    asset = Asset(draft=draft, **values)
    asset.full_clean()
    asset.save(force_insert=True)
    events.record(
        events.DomainEvent(
            type="asset.created",
            payload={"asset_id": asset.id, "brief_id": asset.brief_id},
        )
    )
    return asset


@transaction.atomic
def asset_transition(
    *, asset_id: str, to: AssetStatus, scheduled_for: dt.datetime | None = None
) -> Asset:
    """Move the asset one step along DRAFT → APPROVED → SCHEDULED → PUBLISHED."""
    try:
        target = AssetStatus(to)
    except ValueError:
        known = ", ".join(s.value for s in AssetStatus)
        raise InvalidProductionInput(
            {"to": [f"Unknown status {to!r}. Known: {known}."]}
        ) from None
    asset = Asset.objects.select_for_update().filter(id=asset_id).first()
    if asset is None:
        raise AssetNotFound(
            f"Asset {asset_id!r} not found.", extra={"asset_id": asset_id}
        )
    current = AssetStatus(asset.status)
    position = ASSET_FLOW.index(current)
    allowed = ASSET_FLOW[position + 1] if position + 1 < len(ASSET_FLOW) else None
    if target != allowed:
        raise IllegalAssetTransition(
            asset_id=asset.id,
            current=current.value,
            requested=target.value,
            allowed=allowed.value if allowed else None,
        )
    if target == AssetStatus.SCHEDULED:
        if scheduled_for is None or timezone.is_naive(scheduled_for):
            raise InvalidProductionInput(
                {"scheduled_for": ["Scheduling needs a timezone-aware date and time."]}
            )
        asset.scheduled_for = scheduled_for
    elif scheduled_for is not None:
        raise InvalidProductionInput(
            {"scheduled_for": ["Only a move to SCHEDULED takes scheduled_for."]}
        )
    if target == AssetStatus.PUBLISHED:
        asset.published_at = timezone.now()
    asset.status = target.value
    asset.full_clean()
    asset.save(update_fields=["status", "scheduled_for", "published_at", "updated_at"])
    events.record(
        events.DomainEvent(
            type="asset.status_changed",
            payload={
                "asset_id": asset.id,
                "brief_id": asset.brief_id,
                "from": current.value,
                "to": target.value,
            },
        )
    )
    return asset
