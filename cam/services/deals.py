"""Closing a deal: the only way a lead becomes ROUTED, and the client_signed event."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from aicmo_site.kernel import events
from aicmo_site.kernel.scope import ALL, Scope
from cam.models import Lead
from cam.services import leads, rows, validation
from cam.services.validation import Errors

CLIENT_SIGNED = "cam.client_signed"


@transaction.atomic
def deal_close(
    *,
    lead_id: str,
    contract_value: Decimal,
    client_email: str | None = None,
    scope: Scope = ALL,
) -> Lead:
    """Record the signed deal of a QUALIFIED lead, route it and emit client_signed.

    Any QUEUED outreach attempt of the lead is cancelled.
    """
    errors = Errors()
    value = validation.money(errors, "contract_value", contract_value, allow_zero=False)
    email = (
        None
        if client_email is None
        else validation.email(errors, "client_email", client_email)
    )
    errors.raise_if_any()
    lead = rows.lock_lead(lead_id, scope=scope)
    if lead.status != Lead.Status.QUALIFIED:
        raise leads.illegal_move(
            lead, Lead.Status.ROUTED, "A deal can be closed only for a QUALIFIED lead."
        )
    lead.status = Lead.Status.ROUTED
    lead.contract_value = value
    lead.client_email = leads.normalize_email(email) if email else lead.normalized_email
    lead.closed_at = timezone.now()
    rows.save(
        lead, update_fields=["status", "contract_value", "client_email", "closed_at"]
    )
    rows.cancel_queued(lead_id=lead.id)
    events.record(
        events.DomainEvent(
            type=CLIENT_SIGNED,
            payload={
                "client_name": lead.company or lead.name,
                "email": lead.client_email,
                "company": lead.company,
                "contract_value": str(lead.contract_value),
                "lead_id": lead.id,
                "campaign_id": lead.campaign_id,
            },
        )
    )
    return lead
