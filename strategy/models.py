from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.models import TimeStampedModel, id_ref_field, prefixed_id_field

IDEMPOTENCY_KEY_MAX_LENGTH = 200
APPROVER_MAX_LENGTH = 150
BUDGET_TOTAL = 100
MIN_PILLARS = 3


class Strategy(TimeStampedModel):
    """One version of the strategy for a brief; structured parts live in JSON.

    The JSON shapes mirror the DTOs: ``pillars`` is a list of
    ``{name, description, example_topics}``, ``kpis`` of ``{name, target (decimal
    string), unit, timeframe, family, baseline, target_30d, target_60d, target_90d}``
    (the last four decimal strings or null), ``channel_plan`` of ``{channel,
    budget_pct, tactics, rationale}`` and ``milestones`` of ``{week, date (ISO),
    title, deliverable}``.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        DISCARDED = "discarded", _("Discarded")

    id = prefixed_id_field("strat")
    brief_id = id_ref_field()
    version = models.PositiveIntegerField()
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    idempotency_key = models.CharField(
        max_length=IDEMPOTENCY_KEY_MAX_LENGTH, unique=True
    )
    executive_summary = models.TextField()
    positioning = models.TextField()
    key_messages = models.JSONField(default=list)
    pillars = models.JSONField(default=list)
    kpis = models.JSONField(default=list)
    channel_plan = models.JSONField(default=list)
    milestones = models.JSONField(default=list)
    approved_by = models.CharField(max_length=APPROVER_MAX_LENGTH, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("brief_id", "version"), name="strategy_unique_brief_version"
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="strategy_version_from_1"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "approved", "discarded"]),
                name="strategy_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved")
                | (Q(approved_at__isnull=False) & ~Q(approved_by="")),
                name="strategy_approved_has_approver",
            ),
        ]
        indexes = [models.Index(fields=("brief_id", "status"))]

    def __str__(self) -> str:
        return f"{self.id} (brief {self.brief_id}, v{self.version}, {self.status})"

    def clean(self) -> None:
        """Check the structured parts' invariants."""
        errors: dict[str, str] = {}
        if isinstance(self.channel_plan, list) and self.channel_plan:
            total = sum(int(item.get("budget_pct", 0)) for item in self.channel_plan)
            if total != BUDGET_TOTAL:
                errors["channel_plan"] = f"Budget shares sum to {total}, not 100."
        names = {
            str(p.get("name", "")).strip().lower()
            for p in self.pillars or []
            if isinstance(p, dict)
        }
        names.discard("")
        if len(names) < MIN_PILLARS:
            errors["pillars"] = "A strategy needs at least 3 distinctly named pillars."
        if errors:
            raise ValidationError(errors)
