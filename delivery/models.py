"""Delivery's tables: packages, their stored artifacts, and execution jobs."""

from django.db import models
from django.db.models import Q

from aicmo_site.kernel.models import TimeStampedModel, id_ref_field, prefixed_id_field


class Package(TimeStampedModel):
    """A client-ready deliverable; its files live in storage under ``storage_dir``."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        REVOKED = "revoked", "Revoked"

    # Set explicitly to ``pkg_<draft_id>_<key digest>`` so a retried create after a
    # rollback writes to the same folder; the default only guards against a blank id.
    id = prefixed_id_field("pkg")
    draft_id = id_ref_field()
    brief_id = id_ref_field()
    strategy_id = id_ref_field()
    qc_result_id = id_ref_field()
    client_name = models.CharField(max_length=200)
    pack_key = models.CharField(max_length=80)
    pack_label = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    qc_passed = models.BooleanField()
    qc_score = models.PositiveSmallIntegerField()
    generated_at = models.DateTimeField()
    storage_dir = models.CharField(max_length=255)
    manifest_hash = models.CharField(max_length=64)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ACTIVE, db_index=True
    )
    idempotency_key = models.CharField(max_length=255, unique=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(qc_score__lte=100), name="delivery_package_qc_score_max_100"
            ),
            models.CheckConstraint(
                condition=Q(id__startswith="pkg_"), name="delivery_package_id_prefix"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.id} ({self.client_name}, {self.status})"


class PackageArtifact(TimeStampedModel):
    """One stored file of a package, kept in delivery order by ``position``."""

    id = prefixed_id_field("art")
    package = models.ForeignKey(
        Package, on_delete=models.CASCADE, related_name="artifacts"
    )
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    format = models.CharField(max_length=20)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    path = models.CharField(max_length=255)

    class Meta:
        ordering = ["package_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "position"], name="delivery_artifact_unique_position"
            ),
            models.UniqueConstraint(
                fields=["package", "name"], name="delivery_artifact_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.package_id}/{self.name}"


class ExecutionJob(TimeStampedModel):
    """A queued social post, email or CRM sync, retried up to ``max_attempts``."""

    class Kind(models.TextChoices):
        SOCIAL_POST = "social_post", "Social post"
        EMAIL = "email", "Email"
        CRM_SYNC = "crm_sync", "CRM sync"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    id = prefixed_id_field("job")
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    package = models.ForeignKey(
        Package,
        on_delete=models.PROTECT,
        related_name="jobs",
        null=True,
        blank=True,
    )
    payload = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=3)
    # Empty until a start fails; the API shows an empty value as None.
    last_error = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_attempts__gte=1), name="delivery_job_max_attempts_min_1"
            ),
            models.CheckConstraint(
                condition=Q(attempts__lte=models.F("max_attempts")),
                name="delivery_job_attempts_within_max",
            ),
        ]

    def __str__(self) -> str:
        tries = f"{self.attempts}/{self.max_attempts}"
        return f"{self.id} {self.kind} ({self.status}, {tries})"
