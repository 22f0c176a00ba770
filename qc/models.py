"""QC's tables: recorded results and the checks each one ran."""

from django.db import models
from django.db.models import Q

from aicmo_site.kernel.models import TimeStampedModel, id_ref_field, prefixed_id_field


class QcResult(TimeStampedModel):
    """One evaluation of a draft; at most one result per draft is current."""

    class Status(models.TextChoices):
        CURRENT = "current", "Current"
        SUPERSEDED = "superseded", "Superseded"
        REVOKED = "revoked", "Revoked"

    id = prefixed_id_field("qc")
    draft_id = id_ref_field()
    brief_id = id_ref_field()
    pack = models.CharField(max_length=80)
    passed = models.BooleanField()
    score = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.CURRENT, db_index=True
    )
    idempotency_key = models.CharField(max_length=255, unique=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["draft_id"],
                condition=Q(status="current"),
                name="qc_result_one_current_per_draft",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=100),
                name="qc_result_score_0_100",
            ),
            models.CheckConstraint(
                condition=Q(passed=False) | Q(score__gte=70),
                name="qc_result_passed_needs_70",
            ),
        ]

    def __str__(self) -> str:
        verdict = "passed" if self.passed else "failed"
        return f"{self.id} ({verdict}, {self.score}/100, {self.status})"


class QcCheck(TimeStampedModel):
    """One check of a result, kept in report order by ``position``."""

    class Severity(models.TextChoices):
        BLOCKER = "BLOCKER", "Blocker"
        MAJOR = "MAJOR", "Major"
        MINOR = "MINOR", "Minor"

    class Status(models.TextChoices):
        PASS = "PASS", "Pass"
        WARN = "WARN", "Warn"
        FAIL = "FAIL", "Fail"

    id = prefixed_id_field("qcchk")
    result = models.ForeignKey(
        QcResult, on_delete=models.CASCADE, related_name="checks"
    )
    position = models.PositiveSmallIntegerField()
    check_id = models.CharField(max_length=80)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    section = models.CharField(max_length=120)
    message = models.TextField()
    fix = models.TextField(blank=True)

    class Meta:
        ordering = ["result_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "position"], name="qc_check_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.check_id} {self.status} {self.severity} [{self.section}]"
