from django.db import models
from django.db.models import Q

from aicmo_site.kernel.models import TimeStampedModel, id_ref_field, prefixed_id_field

ACTIVE_STATUSES = ("pending", "running", "compensating")


class WorkflowRun(TimeStampedModel):
    """One engagement run of a workflow: its state, outputs, lease and fence."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        COMPENSATING = "compensating"
        COMPLETED = "completed"
        COMPENSATED = "compensated"
        COMPENSATION_FAILED = "compensation_failed"
        FAILED = "failed"
        CANCELLED = "cancelled"

    id = prefixed_id_field("run")
    workflow = models.CharField(max_length=80)
    definition_version = models.PositiveIntegerField()
    brief_id = id_ref_field(blank=True)
    pack = models.CharField(max_length=80)
    options = models.JSONField(default=dict, blank=True)
    # NULL, not "", when no key was given: NULLs never collide in the unique
    # constraint below, so runs started without a key are not limited.
    idempotency_key = models.CharField(  # noqa: DJ001
        max_length=255, null=True, blank=True
    )
    # Whose key it is: keys are unique per owner (see Meta), so two users' equal keys
    # start two runs. "user:<id>" for API users, "cli" for run_workflow; "" for other
    # internal callers and for runs keyed before keys were scoped.
    idempotency_owner = models.CharField(max_length=64, blank=True, default="")
    # SHA-256 of the canonical JSON of the keyed start's arguments: a replay with
    # another request is a conflict, not this run. "" for runs keyed before.
    request_fingerprint = models.CharField(max_length=64, blank=True, default="")
    status = models.CharField(
        max_length=30, choices=Status.choices, default=Status.PENDING
    )
    outputs = models.JSONField(default=dict, blank=True)
    compensated_steps = models.JSONField(default=list, blank=True)
    error = models.JSONField(null=True, blank=True)
    trace_id = models.CharField(max_length=64, blank=True)
    lease_owner = models.CharField(max_length=200, blank=True)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    fence = models.PositiveBigIntegerField(default=0)
    event_count = models.PositiveIntegerField(default=0)
    cancel_requested_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When a doorbell was last sent for this run (Celery executor): the sweeper
    # re-rings a run whose lease is free only once this is older than its grace.
    rung_at = models.DateTimeField(null=True, blank=True)
    # Doorbells the sweeper rang since the last claim: each doubles the wait before
    # the next, so runs queued behind a long backlog are not rung again and again.
    doorbells = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The claim's and the sweeper's queries touch only active runs: partial
            # indexes keep them fast however long the finished history grows.
            models.Index(
                fields=["lease_expires_at"],
                name="orch_run_active_lease_idx",
                condition=Q(status__in=ACTIVE_STATUSES),
            ),
            models.Index(
                fields=["created_at"],
                name="orch_run_active_created_idx",
                condition=Q(status__in=ACTIVE_STATUSES),
            ),
            models.Index(fields=["status", "-created_at"], name="orch_run_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["idempotency_owner", "idempotency_key"],
                name="orch_run_owner_key",
            ),
        ]
        # Operator actions; aicmo_site.kernel.permissions grants them to "operators".
        permissions = [
            ("start_run", "Can start workflow runs"),
            ("retry_run", "Can retry workflow runs"),
            ("cancel_run", "Can cancel workflow runs"),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.workflow} {self.status}"


class StepRun(models.Model):
    """One step of one run: its outcome, attempts and compensation."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        COMPLETED = "completed"
        FAILED = "failed"
        COMPENSATING = "compensating"
        COMPENSATED = "compensated"
        COMPENSATION_FAILED = "compensation_failed"

    run = models.ForeignKey(WorkflowRun, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=30, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.JSONField(null=True, blank=True)
    output = models.JSONField(default=dict, blank=True)
    compensation_attempts = models.PositiveIntegerField(default=0)
    compensated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "position"], name="orch_step_run_position"
            ),
            models.UniqueConstraint(fields=["run", "name"], name="orch_step_run_name"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.name} {self.status}"


class RunEvent(models.Model):
    """Append-only history of a run, written in the transaction that caused it."""

    run = models.ForeignKey(
        WorkflowRun, on_delete=models.CASCADE, related_name="events"
    )
    seq = models.PositiveIntegerField()
    type = models.CharField(max_length=80)
    step = models.CharField(max_length=80, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["run", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["run", "seq"], name="orch_event_run_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.run_id}#{self.seq} {self.type}"


class OutboxEvent(models.Model):
    """A domain event raised outside a run, kept until its subscribers have it.

    Written in the transaction of the command that raised it (the transactional
    outbox), so it exists exactly when that command committed; delivered after the
    commit, and again by ``dispatch_events`` while ``dispatched_at`` is empty.
    """

    id = prefixed_id_field("evt")
    type = models.CharField(max_length=80)
    payload = models.JSONField(default=dict, blank=True)
    occurred_at = models.DateTimeField()
    dispatched_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = "outbox event"
        indexes = [
            # The retry sweep: undelivered events, oldest first.
            models.Index(
                fields=["occurred_at"],
                name="orch_outbox_pending_idx",
                condition=Q(dispatched_at__isnull=True),
            ),
            models.Index(fields=["type", "-occurred_at"], name="orch_outbox_type_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.type}"


class EventDelivery(models.Model):
    """The inbox: one row per (event, subscriber) delivered, written with its effect.

    Its unique constraint is what makes a replayed event a no-op for a subscriber.
    """

    event_id = id_ref_field(db_index=False)  # the unique constraint leads with it
    subscriber = models.CharField(max_length=120)
    delivered_at = models.DateTimeField()

    class Meta:
        ordering = ["-delivered_at"]
        verbose_name_plural = "event deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["event_id", "subscriber"], name="orch_delivery_event_subscriber"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} -> {self.subscriber}"
