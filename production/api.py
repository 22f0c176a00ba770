"""Production's public API: packs, content drafts and creative assets.

Packs are defined in code. A draft is written for one pack from a brief and a strategy
(``StrategyInput``), deterministically and once per idempotency key; its sections can
be regenerated in another variant, or amended by an operator, while it is active; each
change makes a new version, and amendments are refused unless they name the current
one (optimistic locking). Discarded drafts keep their row and are left out of lists
unless asked for by status. Creative assets move DRAFT → APPROVED → SCHEDULED →
PUBLISHED, one step at a time. Commands record the domain events ``draft.generated``,
``draft.sections_regenerated``, ``draft.amended``, ``draft.discarded``,
``asset.created`` and ``asset.status_changed``.
"""

import datetime as dt
from enum import StrEnum

from django.db import transaction

from aicmo_site.kernel import paging
from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.kernel.scope import ALL, Scope
from production import packs, selectors
from production.dto import (
    AssetData,
    AssetStatus,
    DraftData,
    DraftRevisionData,
    DraftSectionData,
    DraftStatus,
    DraftVersionData,
    PackData,
    PostData,
    StrategyInput,
)
from production.errors import AssetNotFound, DraftNotFound, InvalidProductionInput
from production.models import Asset, Draft, DraftVersion
from production.services import amendments as amendment_services
from production.services import assets as asset_services
from production.services import drafts as draft_services


def _to_draft_data(draft: Draft) -> DraftData:
    return DraftData(
        id=draft.id,
        brief_id=draft.brief_id,
        strategy_id=draft.strategy_id,
        pack=draft.pack,
        status=DraftStatus(draft.status),
        title=draft.title,
        sections=tuple(
            DraftSectionData(key=s["key"], title=s["title"], body=s["body"])
            for s in draft.sections
        ),
        posts=tuple(
            PostData(
                date=dt.date.fromisoformat(p["date"]),
                platform=p["platform"],
                pillar=p["pillar"],
                theme=p["theme"],
                hook=p["hook"],
                caption=p["caption"],
                cta=p["cta"],
                format=p["format"],
            )
            for p in draft.posts
        ),
        markdown=draft.markdown,
        created_at=draft.created_at,
        version=draft.version,
        revisions=tuple(
            DraftRevisionData(
                variant=int(r["variant"]),
                sections=tuple(r["sections"]),
                refreshed=tuple(r.get("refreshed", ())),
                created_at=dt.datetime.fromisoformat(r["at"]),
            )
            for r in draft.revisions
        ),
    )


def _to_draft_version_data(snapshot: DraftVersion) -> DraftVersionData:
    return DraftVersionData(
        version=snapshot.version,
        amended_by=snapshot.amended_by,
        note=snapshot.note,
        created_at=snapshot.created_at,
        markdown=snapshot.markdown,
    )


def _to_asset_data(asset: Asset) -> AssetData:
    return AssetData(
        id=asset.id,
        brief_id=asset.brief_id,
        draft_id=asset.draft_id,
        platform=asset.platform,
        format=asset.format,
        hook=asset.hook,
        caption=asset.caption,
        cta=asset.cta,
        status=AssetStatus(asset.status),
        scheduled_for=asset.scheduled_for,
        published_at=asset.published_at,
        created_at=asset.created_at,
    )


def _check_list_args(status: str | None, known: type[StrEnum], limit: int) -> None:
    problems: dict[str, list[str]] = {}
    if status is not None and status not in {s.value for s in known}:
        names = ", ".join(s.value for s in known)
        problems["status"] = [f"Unknown status {status!r}. Known: {names}."]
    problems.update(paging.limit_errors(limit))
    if problems:
        raise InvalidProductionInput(problems)


def pack_list() -> list[PackData]:
    """Return every registered pack, in registration order."""
    return [packs.PACKS[key] for key in packs.pack_keys()]


def pack_get(*, key: str) -> PackData:
    """Return one pack and its ordered sections.

    Raises:
        UnknownPack: no pack has this key (``fields["pack"]`` lists the known ones).
    """
    return draft_services.pack_get(key=key)


@transaction.atomic
def draft_generate(
    *,
    brief: BriefContext,
    strategy: StrategyInput,
    pack: str,
    idempotency_key: str,
) -> DraftData:
    """Write the pack's draft for the brief from its strategy.

    Generation is deterministic for a given brief and strategy. Calling again with
    the same ``idempotency_key`` returns the draft it created, unchanged.

    Raises:
        UnknownPack: ``pack`` names no registered pack.
        InvalidProductionInput: the idempotency key is empty or too long.
        DraftGenerationFailed: the generator produced an invalid draft.
    """
    draft = draft_services.draft_generate(
        brief=brief, strategy=strategy, pack=pack, idempotency_key=idempotency_key
    )
    return _to_draft_data(draft)


@transaction.atomic
def draft_regenerate_sections(
    *,
    draft_id: str,
    brief: BriefContext,
    strategy: StrategyInput,
    section_keys: tuple[str, ...],
    variant: int,
    scope: Scope = ALL,
) -> DraftData:
    """Rewrite the named sections of an active draft in another variant, in place.

    Variant 0 is what ``draft_generate`` writes; any other variant is a materially
    different take on each section (structure, angle, order of ideas) that meets the
    same contracts. Sections not named keep their text, unless the calendar is
    regenerated and its posts change: then the sections that quote posts are
    rewritten in their own variant, so the draft stays consistent. The Markdown is
    rebuilt, the regeneration is appended to ``revisions`` and
    ``draft.sections_regenerated`` is recorded. Nothing changes when it is refused.

    Args:
        draft_id: The draft to change.
        brief: The brief the draft was written for.
        strategy: The strategy the draft was written from.
        section_keys: Keys of the pack's sections to rewrite (pack order is kept).
        variant: The variant to write them in; 0 or more.
        scope: The caller's account teams; a draft of a brief outside them is not
            found.

    Raises:
        DraftNotFound: no draft has this id, or ``scope`` does not include it.
        InvalidProductionInput: ``section_keys`` is empty or names a section the
            draft's pack does not have, ``variant`` is negative, or the brief or
            strategy is not the draft's (code VALIDATION_ERROR).
        DraftNotActive: the draft is discarded (code CONFLICT).
        DraftGenerationFailed: the generator produced an invalid draft.
    """
    draft = draft_services.draft_regenerate_sections(
        draft_id=draft_id,
        brief=brief,
        strategy=strategy,
        section_keys=section_keys,
        variant=variant,
        scope=scope,
    )
    return _to_draft_data(draft)


def draft_get(*, draft_id: str, scope: Scope = ALL) -> DraftData:
    """Return one draft, whatever its status.

    Raises:
        DraftNotFound: no draft has this id, or ``scope`` (the caller's account
            teams) does not include its brief.
    """
    draft = selectors.draft_get(draft_id=draft_id, scope=scope)
    if draft is None:
        raise DraftNotFound(
            f"Draft {draft_id!r} not found.", extra={"draft_id": draft_id}
        )
    return _to_draft_data(draft)


def draft_list(
    *,
    brief_id: str | None = None,
    status: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[DraftData]:
    """List drafts in creation order, at most ``limit``.

    Without ``status``, discarded drafts are left out. ``after_id`` continues a
    previous page after that id. Drafts of briefs outside ``scope`` (the caller's
    account teams) are left out.

    Raises:
        InvalidProductionInput: ``status`` is not a draft status, or ``limit`` is
            not from 1 to 200.
    """
    _check_list_args(status, DraftStatus, limit)
    drafts = selectors.draft_list(
        brief_id=brief_id,
        status=status,
        limit=limit,
        after_id=after_id,
        scope=scope,
    )
    return [_to_draft_data(draft) for draft in drafts]


@transaction.atomic
def draft_amend(
    *,
    draft_id: str,
    section_key: str,
    body: str,
    expected_version: int,
    amended_by: str,
    note: str = "",
    scope: Scope = ALL,
) -> DraftData:
    """Replace one section's text in an active draft, making its next version.

    The edit applies only when ``expected_version`` is the draft's current
    ``version`` (optimistic locking): read the draft, edit, send back the version
    you read. On success the section's body is replaced, the Markdown is rebuilt as
    generation builds it, ``version`` goes up by one, the new version is added to
    the history (``draft_versions``) and ``draft.amended`` is recorded with
    ``{draft_id, version, section_key, amended_by}``. Nothing changes when the edit
    is refused.

    ``body`` is Markdown without the section's ``## `` heading; a first line
    ``## <section title>`` is dropped, Windows line ends become Unix ones and the
    text is trimmed. Use ``###`` or lower for sub-headings.

    Amending ``detailed_30_day_calendar`` re-reads the posts from its table
    (``| Date | Platform | Pillar | Theme | Hook | CTA | Format |``, dates
    ``YYYY-MM-DD``). Each caption is the post's quoted copy in the section, else the
    old caption of the post on the same day and platform, else its hook and CTA.
    When the table cannot be read, the text is still saved, the posts stay as they
    were, and the version's ``note`` says why.

    Args:
        draft_id: The draft to change.
        section_key: Key of the section to replace (one of the draft's sections).
        body: The section's new Markdown text.
        expected_version: The draft version the edit was made on.
        amended_by: Who made the edit (an operator's username); at most 150
            characters.
        note: Why the edit was made; at most 1000 characters.
        scope: The caller's account teams; a draft of a brief outside them is not
            found (and nothing else is checked).

    Raises:
        DraftNotFound: no draft has this id, or ``scope`` does not include it.
        InvalidProductionInput: ``section_key`` names no section of the draft,
            ``body`` is empty or holds a ``#``/``##`` heading, ``expected_version``
            is not a whole number of 1 or more, ``amended_by`` is blank or too long
            or ``note`` is too long, ``body`` is over 100,000 characters, or
            ``body``, ``amended_by`` or ``note`` holds a control character (other
            than tab and line breaks) or a lone surrogate; ``fields`` names each
            (code VALIDATION_ERROR).
        DraftNotActive: the draft is discarded (code CONFLICT).
        DraftVersionConflict: the draft is no longer at ``expected_version``; its
            ``extra`` holds ``current_version`` and ``expected_version`` (code
            CONFLICT, HTTP 409).
    """
    draft = amendment_services.draft_amend(
        draft_id=draft_id,
        section_key=section_key,
        body=body,
        expected_version=expected_version,
        amended_by=amended_by,
        note=note,
        scope=scope,
    )
    return _to_draft_data(draft)


def draft_versions(*, draft_id: str, scope: Scope = ALL) -> list[DraftVersionData]:
    """Return every version of the draft, oldest (version 1, as generated) first.

    Raises:
        DraftNotFound: no draft has this id, or ``scope`` does not include it.
    """
    if selectors.draft_get(draft_id=draft_id, scope=scope) is None:
        raise DraftNotFound(
            f"Draft {draft_id!r} not found.", extra={"draft_id": draft_id}
        )
    snapshots = selectors.draft_version_list(draft_id=draft_id)
    return [_to_draft_version_data(snapshot) for snapshot in snapshots]


@transaction.atomic
def draft_discard(*, draft_id: str, scope: Scope = ALL) -> DraftData:
    """Discard the draft, keeping its row; discarding it again is a no-op.

    Raises:
        DraftNotFound: no draft has this id, or ``scope`` does not include it
            (nothing changes).
    """
    return _to_draft_data(draft_services.draft_discard(draft_id=draft_id, scope=scope))


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
) -> AssetData:
    """Create a creative asset in DRAFT status.

    Raises:
        InvalidProductionInput: a field is blank or too long, or the draft belongs
            to another brief.
        DraftNotFound: ``draft_id`` names no draft.
    """
    asset = asset_services.asset_create(
        brief_id=brief_id,
        platform=platform,
        format=format,
        hook=hook,
        caption=caption,
        cta=cta,
        draft_id=draft_id,
    )
    return _to_asset_data(asset)


def asset_get(*, asset_id: str, scope: Scope = ALL) -> AssetData:
    """Return one creative asset.

    Raises:
        AssetNotFound: no asset has this id, or ``scope`` (the caller's account
            teams) does not include its brief.
    """
    asset = selectors.asset_get(asset_id=asset_id, scope=scope)
    if asset is None:
        raise AssetNotFound(
            f"Asset {asset_id!r} not found.", extra={"asset_id": asset_id}
        )
    return _to_asset_data(asset)


def asset_list(
    *,
    brief_id: str | None = None,
    status: str | None = None,
    limit: int = 50,
    after_id: str | None = None,
    scope: Scope = ALL,
) -> list[AssetData]:
    """List creative assets in creation order, at most ``limit``.

    Assets of briefs outside ``scope`` (the caller's account teams) are left out.

    Raises:
        InvalidProductionInput: ``status`` is not an asset status, or ``limit`` is
            not from 1 to 200.
    """
    _check_list_args(status, AssetStatus, limit)
    assets = selectors.asset_list(
        brief_id=brief_id,
        status=status,
        limit=limit,
        after_id=after_id,
        scope=scope,
    )
    return [_to_asset_data(asset) for asset in assets]


@transaction.atomic
def asset_transition(
    *,
    asset_id: str,
    to: AssetStatus,
    scheduled_for: dt.datetime | None = None,
    scope: Scope = ALL,
) -> AssetData:
    """Move the asset one step: DRAFT → APPROVED → SCHEDULED → PUBLISHED.

    A move to SCHEDULED needs ``scheduled_for`` (timezone-aware); PUBLISHED stamps
    ``published_at``. Nothing changes when the move is refused.

    Raises:
        AssetNotFound: no asset has this id, or ``scope`` does not include it.
        IllegalAssetTransition: the move skips a step, goes back or repeats the
            current status (code CONFLICT; the message names both statuses).
        InvalidProductionInput: ``to`` is unknown, or ``scheduled_for`` is missing,
            naive, or given for a move other than SCHEDULED.
    """
    asset = asset_services.asset_transition(
        asset_id=asset_id, to=to, scheduled_for=scheduled_for, scope=scope
    )
    return _to_asset_data(asset)
