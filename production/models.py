from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.models import TimeStampedModel, id_ref_field, prefixed_id_field

IDEMPOTENCY_KEY_MAX_LENGTH = 200
PACK_KEY_MAX_LENGTH = 64
AMENDED_BY_MAX_LENGTH = 150


class Draft(TimeStampedModel):
    """The content draft for one pack: sections in pack order, posts, full Markdown.

    ``sections`` holds ``{key, title, body}`` objects; ``posts`` holds ``{date (ISO),
    platform, pillar, theme, hook, caption, cta, format}`` objects; ``revisions``
    holds ``{variant, sections, refreshed, at (ISO)}`` objects, one per regeneration,
    oldest first. A section's current variant is the last revision that named it (0
    when none did).

    ``version`` starts at 1 and goes up by one with every change to the content
    (amendment or regeneration); each version's content is kept in ``DraftVersion``.
    Amendments name the version they were based on, so a stale edit is refused.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        DISCARDED = "discarded", _("Discarded")

    id = prefixed_id_field("draft")
    brief_id = id_ref_field()
    strategy_id = id_ref_field()
    pack = models.CharField(max_length=PACK_KEY_MAX_LENGTH, db_index=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    idempotency_key = models.CharField(
        max_length=IDEMPOTENCY_KEY_MAX_LENGTH, unique=True
    )
    title = models.CharField(max_length=300)
    sections = models.JSONField(default=list)
    posts = models.JSONField(default=list)
    markdown = models.TextField()
    revisions = models.JSONField(default=list, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["active", "discarded"]),
                name="draft_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="draft_version_from_1"
            ),
            models.CheckConstraint(
                condition=~Q(markdown=""), name="draft_markdown_not_empty"
            ),
        ]
        indexes = [models.Index(fields=("brief_id", "status"))]

    def __str__(self) -> str:
        return f"{self.id} ({self.pack}, brief {self.brief_id}, {self.status})"

    def section_variants(self) -> dict[str, int]:
        """Return the variant each regenerated section is written in now."""
        variants: dict[str, int] = {}
        for revision in self.revisions:
            for key in revision.get("sections", ()):
                variants[key] = int(revision["variant"])
        return variants


class DraftVersion(TimeStampedModel):
    """A draft's content as it was in one version, kept for history.

    Version 1 is what generation wrote; each later one is an amendment or a
    regeneration. ``sections`` and ``posts`` have the shapes of ``Draft``'s;
    ``amended_by`` is empty when the system (generation, regeneration) made the
    version.
    """

    id = prefixed_id_field("draftv")
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    sections = models.JSONField(default=list)
    posts = models.JSONField(default=list, blank=True)
    markdown = models.TextField()
    amended_by = models.CharField(max_length=AMENDED_BY_MAX_LENGTH, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ("draft_id", "version")
        constraints = [
            models.UniqueConstraint(
                fields=("draft", "version"), name="draft_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="draft_version_row_from_1"
            ),
            models.CheckConstraint(
                condition=~Q(markdown=""), name="draft_version_markdown_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.draft_id} v{self.version}"


class Asset(TimeStampedModel):
    """A social creative and its publish status.

    The status moves DRAFT → APPROVED → SCHEDULED → PUBLISHED, one step at a time.
    """

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draft")
        APPROVED = "APPROVED", _("Approved")
        SCHEDULED = "SCHEDULED", _("Scheduled")
        PUBLISHED = "PUBLISHED", _("Published")

    id = prefixed_id_field("asset")
    brief_id = id_ref_field()
    draft = models.ForeignKey(
        Draft,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assets",
    )
    platform = models.CharField(max_length=64)
    format = models.CharField(max_length=64)
    hook = models.CharField(max_length=500)
    caption = models.TextField()
    cta = models.CharField(max_length=300)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    scheduled_for = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created_at", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["DRAFT", "APPROVED", "SCHEDULED", "PUBLISHED"]),
                name="asset_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["SCHEDULED", "PUBLISHED"])
                | Q(scheduled_for__isnull=False),
                name="asset_scheduled_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="PUBLISHED") | Q(published_at__isnull=False),
                name="asset_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(hook="") & ~Q(caption="") & ~Q(cta=""),
                name="asset_copy_not_empty",
            ),
        ]
        indexes = [models.Index(fields=("brief_id", "status"))]

    def __str__(self) -> str:
        return f"{self.id} ({self.platform} {self.format}, {self.status})"
