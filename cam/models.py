"""Campaigns, leads, suppressions and outreach plans of client acquisition.

A lead's signed deal is kept on the lead itself. An outreach plan is the deterministic
message sequence planned for one lead; its attempts are records for delivery's sender
(LIVE) or proofs (SIMULATION): cam itself never sends anything.
"""

import datetime as dt
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


class _SuppressionReason(models.TextChoices):
    UNSUBSCRIBED = "UNSUBSCRIBED", _("Unsubscribed")
    DO_NOT_CONTACT = "DO_NOT_CONTACT", _("Do not contact")
    BOUNCED = "BOUNCED", _("Bounced")
    COMPLAINED = "COMPLAINED", _("Complained (spam report)")


class _OutreachChannel(models.TextChoices):
    EMAIL = "EMAIL", _("Email")
    LINKEDIN = "LINKEDIN", _("LinkedIn")


class _OutreachAttemptStatus(models.TextChoices):
    PROOF_SENT = "PROOF_SENT", _("Proof sent (simulation)")
    QUEUED = "QUEUED", _("Queued for delivery")
    CANCELLED = "CANCELLED", _("Cancelled")


DEFAULT_DAILY_SEND_CAP = 50
DEFAULT_SEND_TIMEZONE = "UTC"
DEFAULT_SEND_WINDOW_START = dt.time(9, 0)
DEFAULT_SEND_WINDOW_END = dt.time(17, 0)


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
    competitor_domains = models.JSONField(
        _("competitor domains"), default=list, blank=True
    )
    daily_send_cap = models.PositiveIntegerField(
        _("daily send cap"),
        default=DEFAULT_DAILY_SEND_CAP,
        help_text=_("At most this many outreach messages per send day, all channels."),
    )
    send_timezone = models.CharField(
        _("send time zone"), max_length=64, default=DEFAULT_SEND_TIMEZONE
    )
    send_window_start = models.TimeField(
        _("send window start"), default=DEFAULT_SEND_WINDOW_START
    )
    send_window_end = models.TimeField(
        _("send window end"), default=DEFAULT_SEND_WINDOW_END
    )

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
            models.CheckConstraint(
                condition=Q(daily_send_cap__gt=0),
                name="cam_campaign_daily_send_cap_positive",
            ),
            models.CheckConstraint(
                condition=Q(send_window_end__gt=models.F("send_window_start")),
                name="cam_campaign_send_window_not_empty",
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
    lost_reason_code = models.CharField(
        _("lost reason code"), max_length=40, blank=True, editable=False
    )
    review_codes = models.JSONField(
        _("review codes"), default=list, blank=True, editable=False
    )
    review_from_status = models.CharField(
        _("review opened from"),
        max_length=20,
        choices=Status.choices,
        blank=True,
        editable=False,
        help_text=_(
            "The status the lead had when its MANUAL_REVIEW was opened; empty "
            "outside a review."
        ),
    )
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


class Suppression(TimeStampedModel):
    """An address that must not be contacted: everywhere, or for one campaign."""

    Reason = _SuppressionReason

    id = prefixed_id_field("sup")
    email = models.CharField(_("email"), max_length=254, db_index=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="suppressions",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        help_text=_("Only for this campaign; empty for every campaign."),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("suppression")
        verbose_name_plural = _("suppressions")
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(campaign__isnull=True),
                name="cam_suppression_unique_global_email",
            ),
            models.UniqueConstraint(
                fields=["campaign", "email"],
                condition=Q(campaign__isnull=False),
                name="cam_suppression_unique_campaign_email",
            ),
            models.CheckConstraint(
                condition=Q(reason__in=_SuppressionReason.values),
                name="cam_suppression_reason_valid",
            ),
        ]

    def __str__(self) -> str:
        scope = self.campaign_id or "all campaigns"
        return f"{self.email} ({self.reason}, {scope})"


class OutreachPlan(TimeStampedModel):
    """The message sequence planned for one lead.

    A lead has at most one current plan. A plan made in another mode than the
    campaign's current one is replaced on re-planning: it keeps its (cancelled)
    messages as history and gets ``replaced_at``.
    """

    id = prefixed_id_field("plan")
    lead = models.ForeignKey(
        Lead,
        on_delete=models.PROTECT,
        related_name="outreach_plans",
        verbose_name=_("lead"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="outreach_plans",
        verbose_name=_("campaign"),
    )
    mode = models.CharField(_("mode"), max_length=20, choices=Campaign.Mode.choices)
    timezone = models.CharField(_("time zone"), max_length=64)
    starts_after = models.DateTimeField(_("starts after"))
    replaced_at = models.DateTimeField(
        _("replaced at"),
        null=True,
        blank=True,
        help_text=_("When a newer plan replaced this one; empty for the current plan."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("outreach plan")
        verbose_name_plural = _("outreach plans")
        constraints = [
            models.UniqueConstraint(
                fields=["lead"],
                condition=Q(replaced_at__isnull=True),
                name="cam_outreachplan_one_current_per_lead",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=_CampaignMode.values),
                name="cam_outreachplan_mode_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Outreach plan {self.id} for {self.lead_id}"


class OutreachAttempt(TimeStampedModel):
    """One planned message: a proof (SIMULATION) or a job for delivery (LIVE)."""

    Channel = _OutreachChannel
    Status = _OutreachAttemptStatus

    id = prefixed_id_field("att")
    plan = models.ForeignKey(
        OutreachPlan,
        on_delete=models.PROTECT,
        related_name="attempts",
        verbose_name=_("plan"),
    )
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.PROTECT,
        related_name="outreach_attempts",
        verbose_name=_("campaign"),
    )
    lead = models.ForeignKey(
        Lead,
        on_delete=models.PROTECT,
        related_name="outreach_attempts",
        verbose_name=_("lead"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    step = models.CharField(_("step"), max_length=40)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    scheduled_for = models.DateTimeField(_("scheduled for"), db_index=True)
    send_date = models.DateField(
        _("send date"), help_text=_("The send day in the campaign's time zone.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, db_index=True
    )

    class Meta:
        ordering = ["plan_id", "position"]
        verbose_name = _("outreach attempt")
        verbose_name_plural = _("outreach attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"], name="cam_outreachattempt_unique_position"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=_OutreachChannel.values),
                name="cam_outreachattempt_channel_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=_OutreachAttemptStatus.values),
                name="cam_outreachattempt_status_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["campaign", "send_date"], name="cam_attempt_campaign_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.channel} {self.step} for {self.lead_id} ({self.status})"
