from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from aicmo_site.kernel.models import TimeStampedModel, id_ref_field, prefixed_id_field


class Client(TimeStampedModel):
    """A client: from a brief's intake, or from a deal closed in client acquisition.

    A client signed through a closed deal carries the deal's ``source_ref`` (the lead
    id) and ``contract_value``; its website and geography may be unknown (blank) until
    a brief names them. Briefs always give them: intake requires them.
    """

    id = prefixed_id_field("client")
    name = models.CharField(max_length=200)
    website = models.CharField(max_length=300, blank=True)
    industry = models.CharField(max_length=200)
    geography = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    source_ref = id_ref_field(
        null=True,
        blank=True,
        unique=True,
        db_index=False,  # the unique constraint is the index
        help_text="The closed deal this client was signed from (its lead id).",
    )
    contract_value = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The signed deal's value, when the client came from a closed deal.",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                Lower("website"),
                name="onboarding_client_unique_name_website",
            )
        ]

    def __str__(self) -> str:
        return self.name


class AccountTeam(TimeStampedModel):
    """People who work on some clients, and see only those (ADR 0009).

    A member's scope is the union of their teams' clients; a team marked
    ``all_clients`` gives agency-wide access. Superusers manage teams; the role groups
    are not granted its permissions, so nobody widens their own scope.
    """

    id = prefixed_id_field("team")
    name = models.CharField(max_length=200, unique=True)
    all_clients = models.BooleanField(
        default=False,
        help_text="Members see every client, present and future (agency-wide staff).",
    )
    clients = models.ManyToManyField(Client, blank=True, related_name="account_teams")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="account_teams"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "account team"

    def __str__(self) -> str:
        return self.name


class Brief(TimeStampedModel):
    """A submitted brief: the raw intake, kept as sent, and its validated key fields."""

    id = prefixed_id_field("brief")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="briefs")
    pack = models.CharField(max_length=80)
    objective = models.CharField(max_length=40)
    primary_offer = models.CharField(max_length=2000)
    intake = models.JSONField(help_text="The brief exactly as submitted.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.client.name}: {self.objective} ({self.id})"


class NormalizedBrief(TimeStampedModel):
    """The brief one engagement works from: aliases resolved, defaults applied."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        DISCARDED = "discarded", "Discarded"

    id = prefixed_id_field("nbrief")
    brief = models.ForeignKey(
        Brief, on_delete=models.PROTECT, related_name="normalized"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    data = models.JSONField()
    warnings = models.JSONField(default=list, blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    discarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "normalized brief"

    def __str__(self) -> str:
        return f"{self.id} ({self.status})"


class Project(TimeStampedModel):
    """An engagement's state (SPEC §6); one per workflow run."""

    class State(models.TextChoices):
        CREATED = "CREATED"
        INTAKE_COMPLETE = "INTAKE_COMPLETE"
        STRATEGY_GENERATED = "STRATEGY_GENERATED"
        STRATEGY_APPROVED = "STRATEGY_APPROVED"
        CAMPAIGN_DEFINED = "CAMPAIGN_DEFINED"
        CREATIVE_GENERATED = "CREATIVE_GENERATED"
        QC_FAILED = "QC_FAILED"
        QC_APPROVED = "QC_APPROVED"
        DELIVERED = "DELIVERED"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        DISCARDED = "discarded", "Discarded"

    id = prefixed_id_field("proj")
    brief = models.ForeignKey(Brief, on_delete=models.PROTECT, related_name="projects")
    normalized_brief = models.OneToOneField(
        NormalizedBrief, on_delete=models.PROTECT, related_name="project"
    )
    engagement_ref = id_ref_field(help_text="The workflow run driving this engagement.")
    state = models.CharField(
        max_length=30, choices=State.choices, default=State.CREATED
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ACTIVE
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.id} {self.state}"


class ProjectTransition(models.Model):
    """Append-only history of a project's state changes, compensations included."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, choices=Project.State.choices)
    to_state = models.CharField(max_length=30, choices=Project.State.choices)
    occurred_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"
