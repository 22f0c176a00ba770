"""Campaigns and their leads; a lead's signed deal is kept on the lead itself."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel.models import TimeStampedModel, prefixed_id_field

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SCORE_DIGITS = 5
SCORE_PLACES = 4
MONEY_DIGITS = 14
MONEY_PLACES = 2


def _score_field(verbose_name: "StrOrPromise", **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=SCORE_DIGITS,
        decimal_places=SCORE_PLACES,
        **kwargs,
    )


def _unit_interval(field: str) -> Q:
    return Q(**{f"{field}__gte": Decimal("0"), f"{field}__lte": Decimal("1")})


# The choices live at module level so that Meta.constraints can name their values;
# each model exposes them as its own ``Status`` (and ``Mode`` / ``Grade``).
class _CampaignStatus(models.TextChoices):
    ACTIVE = "ACTIVE", _("Active")
    PAUSED = "PAUSED", _("Paused")
    COMPLETED = "COMPLETED", _("Completed")


class _CampaignMode(models.TextChoices):
    SIMULATION = "SIMULATION", _("Simulation")
    LIVE = "LIVE", _("Live")


class _LeadStatus(models.TextChoices):
    NEW = "NEW", _("New")
    ENRICHED = "ENRICHED", _("Enriched")
    CONTACTED = "CONTACTED", _("Contacted")
    REPLIED = "REPLIED", _("Replied")
    QUALIFIED = "QUALIFIED", _("Qualified")
    ROUTED = "ROUTED", _("Routed")
    LOST = "LOST", _("Lost")
    MANUAL_REVIEW = "MANUAL_REVIEW", _("Manual review")


class _LeadGrade(models.TextChoices):
    A = "A", "A"
    B = "B", "B"
    C = "C", "C"
    D = "D", "D"


class Campaign(TimeStampedModel):
    """A client-acquisition campaign: who is targeted, with what offer, how many."""

    Status = _CampaignStatus
    Mode = _CampaignMode

    id = prefixed_id_field("cam")
    name = models.CharField(_("name"), max_length=200)
    niche = models.CharField(_("niche"), max_length=200)
    offer = models.TextField(_("offer"))
    target_clients = models.PositiveIntegerField(_("target clients"))
    target_monthly_revenue = models.DecimalField(
        _("target monthly revenue"),
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.ACTIVE,
        db_index=True,
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=Mode.choices, default=Mode.SIMULATION
    )
    banned_words = models.JSONField(_("banned words"), default=list, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_clients__gt=0),
                name="cam_campaign_target_clients_positive",
            ),
            models.CheckConstraint(
                condition=Q(target_monthly_revenue__isnull=True)
                | Q(target_monthly_revenue__gte=Decimal("0")),
                name="cam_campaign_target_revenue_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(status__in=_CampaignStatus.values),
                name="cam_campaign_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=_CampaignMode.values),
                name="cam_campaign_mode_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"


class Lead(TimeStampedModel):
    """A prospective client of a campaign, scored and moved through the funnel."""

    Status = _LeadStatus
    Grade = _LeadGrade

    id = prefixed_id_field("lead")
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="leads",
        verbose_name=_("campaign"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.CharField(_("email"), max_length=254)
    normalized_email = models.CharField(
        _("normalized email"), max_length=254, db_index=True, editable=False
    )
    company = models.CharField(_("company"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=50, default="api")
    base_score = _score_field(_("base score"))
    budget_known = models.BooleanField(_("budget known"), default=False)
    has_timeline = models.BooleanField(_("has timeline"), default=False)
    pain_points = models.TextField(_("pain points"), blank=True)
    engagement = _score_field(_("engagement"), default=Decimal("0"))
    fit_score = _score_field(_("fit score"), editable=False)
    conversion_probability = _score_field(_("conversion probability"), editable=False)
    grade = models.CharField(
        _("grade"), max_length=1, choices=Grade.choices, editable=False, db_index=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        editable=False,
        db_index=True,
    )
    review_reasons = models.JSONField(
        _("review reasons"), default=list, blank=True, editable=False
    )
    lost_reason = models.TextField(_("lost reason"), blank=True, editable=False)
    contract_value = models.DecimalField(
        _("contract value"),
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
        null=True,
        blank=True,
        editable=False,
    )
    client_email = models.CharField(
        _("client email"), max_length=254, blank=True, editable=False
    )
    closed_at = models.DateTimeField(
        _("closed at"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("lead")
        verbose_name_plural = _("leads")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "normalized_email"],
                name="cam_lead_unique_email_per_campaign",
            ),
            models.CheckConstraint(
                condition=_unit_interval("base_score"), name="cam_lead_base_score_range"
            ),
            models.CheckConstraint(
                condition=_unit_interval("engagement"), name="cam_lead_engagement_range"
            ),
            models.CheckConstraint(
                condition=_unit_interval("fit_score"), name="cam_lead_fit_score_range"
            ),
            models.CheckConstraint(
                condition=_unit_interval("conversion_probability"),
                name="cam_lead_probability_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=_LeadStatus.values), name="cam_lead_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(grade__in=_LeadGrade.values), name="cam_lead_grade_valid"
            ),
            # A lead is ROUTED exactly when a deal was closed: value and time recorded.
            models.CheckConstraint(
                condition=(
                    Q(
                        status="ROUTED",
                        contract_value__isnull=False,
                        closed_at__isnull=False,
                    )
                    | (
                        ~Q(status="ROUTED")
                        & Q(contract_value__isnull=True, closed_at__isnull=True)
                    )
                ),
                name="cam_lead_routed_iff_deal_closed",
            ),
            models.CheckConstraint(
                condition=Q(contract_value__isnull=True)
                | Q(contract_value__gt=Decimal("0")),
                name="cam_lead_contract_value_positive",
            ),
        ]
        indexes = [
            models.Index(
                fields=["campaign", "status"], name="cam_lead_campaign_status"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}> ({self.id})"
