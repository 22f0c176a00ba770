"""Draft versions: the row lock, the versioned save and the stored snapshots.

Every change to a draft (regenerated sections, an amendment) locks its row, writes
the next version only if the row is still at the version it read (optimistic
locking), and stores the new content as a ``DraftVersion``.
"""

from django.utils import timezone

from aicmo_site.kernel.scope import ALL, Scope
from production.errors import DraftNotFound, DraftVersionConflict
from production.models import Draft, DraftVersion


def _not_found(draft_id: str) -> DraftNotFound:
    return DraftNotFound(f"Draft {draft_id!r} not found.", extra={"draft_id": draft_id})


def draft_lock(*, draft_id: str) -> Draft:
    """Return the draft, locked for update until the transaction ends."""
    draft = Draft.objects.select_for_update().filter(id=draft_id).first()
    if draft is None:
        raise _not_found(draft_id)
    return draft


def draft_lock_in_scope(*, draft_id: str, scope: Scope = ALL) -> Draft:
    """Return the draft, locked, when ``scope`` includes its brief.

    A draft outside ``scope`` is not found, exactly as an unknown id. The check
    follows the lock rather than filtering it: a draft's brief never changes, and
    every write keeps reading the row through :func:`draft_lock`.
    """
    draft = draft_lock(draft_id=draft_id)
    if not scope.allows_brief(draft.brief_id):
        raise _not_found(draft_id)
    return draft


def version_snapshot(draft: Draft, *, amended_by: str = "", note: str = "") -> None:
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


def version_backfill(draft: Draft) -> None:
    """Store the current version first if it has no snapshot yet.

    Generation and the migration that introduced versions store every draft's
    version 1; this keeps the history whole for a draft made any other way.
    """
    if not DraftVersion.objects.filter(draft=draft, version=draft.version).exists():
        version_snapshot(draft, note="Recorded before the first change.")


def draft_save_version(
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
