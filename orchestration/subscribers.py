"""Subscribers to domain events raised outside a run, and their transactional outbox.

An app raises an event with ``aicmo_site.kernel.events.record``. Inside a saga step
the engine collects it as a RunEvent. Outside a run, the kernel hands it to
:func:`outbox_write`, which :class:`orchestration.apps.OrchestrationConfig` installs
as the kernel's sink:

1. ``outbox_write`` stores an :class:`OutboxEvent` in the caller's transaction, so the
   event exists exactly when the command that raised it commits, and asks for
   :func:`event_dispatch` once that transaction commits. Events that no subscriber
   wants are not stored; the kernel logs them, as before.
2. ``event_dispatch`` gives the event to each subscriber of its type. Each delivery
   runs in a savepoint together with its inbox row (:class:`EventDelivery`, unique
   per event and subscriber), so a delivered subscriber is never called again for
   that event. A failing subscriber is rolled back, logged and recorded on the outbox
   row, which stays pending; the caller, already committed, never sees the failure.
3. :func:`events_dispatch_pending` (``manage.py dispatch_events``, or the periodic
   sweeper) retries the pending events.

Subscribers call the apps' public APIs only, and those calls are themselves idempotent
on a key taken from the event, so even two events for one fact change nothing twice.
"""

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from aicmo_site.kernel import events
from cam import api as cam_api
from onboarding import api as onboarding_api
from orchestration.dto import DispatchSummary
from orchestration.models import EventDelivery, OutboxEvent

logger = logging.getLogger("aicmo.events")

CLIENT_SIGNED = "cam.client_signed"
ERROR_MAX_LENGTH = 1000

Handler = Callable[[Mapping[str, Any]], None]


@dataclass(frozen=True, slots=True)
class Subscriber:
    """A handler of one event type; ``name`` keys its inbox rows, so never reuse it."""

    name: str
    handler: Handler


class DispatchOutcome(StrEnum):
    DELIVERED = "delivered"
    FAILED = "failed"
    SKIPPED = "skipped"  # delivered already, or another worker is delivering it


# --- handlers ---------------------------------------------------------------------


def _register_signed_client(payload: Mapping[str, Any]) -> None:
    """Create (once) the onboarding client of a deal closed in client acquisition.

    The client is named after the lead's company, else the lead (``client_name``);
    its email is the signed client's; its industry is the campaign's niche; onboarding
    derives the website from the email's domain; the lead id is the source reference
    that makes the call idempotent.
    """
    campaign = cam_api.campaign_get(campaign_id=payload["campaign_id"])
    client = onboarding_api.client_register_signed(
        source_ref=payload["lead_id"],
        name=payload["client_name"],
        email=payload["email"],
        industry=campaign.niche,
        contract_value=Decimal(payload["contract_value"]),
    )
    logger.info("client %s signed from lead %s", client.id, payload["lead_id"])


SUBSCRIBERS: dict[str, tuple[Subscriber, ...]] = {
    CLIENT_SIGNED: (
        Subscriber("onboarding.client_register_signed", _register_signed_client),
    ),
}


# --- the outbox -------------------------------------------------------------------


def outbox_write(event: events.DomainEvent) -> bool:
    """Store ``event`` in the caller's transaction and dispatch it after the commit.

    The kernel's event sink. Returns False, storing nothing, for an event type that
    no subscriber wants.
    """
    if not SUBSCRIBERS.get(event.type):
        return False
    stored = OutboxEvent.objects.create(
        type=event.type, payload=event.payload, occurred_at=timezone.now()
    )

    def dispatch() -> None:
        event_dispatch(event_id=stored.id)

    # robust: a failure to dispatch (the database gone away) is logged, never raised
    # into the committed caller; the event stays pending for the sweep.
    transaction.on_commit(dispatch, robust=True)
    return True


def event_dispatch(*, event_id: str) -> DispatchOutcome:
    """Deliver one pending outbox event to every subscriber that does not have it."""
    with transaction.atomic():
        event = (
            OutboxEvent.objects.select_for_update(skip_locked=True)
            .filter(pk=event_id, dispatched_at__isnull=True)
            .first()
        )
        if event is None:
            return DispatchOutcome.SKIPPED
        delivered = set(
            EventDelivery.objects.filter(event_id=event.id).values_list(
                "subscriber", flat=True
            )
        )
        errors: dict[str, str] = {}
        for subscriber in SUBSCRIBERS.get(event.type, ()):
            if subscriber.name in delivered:
                continue
            try:
                with transaction.atomic():
                    subscriber.handler(event.payload)
                    EventDelivery.objects.create(
                        event_id=event.id,
                        subscriber=subscriber.name,
                        delivered_at=timezone.now(),
                    )
            except Exception as exc:  # noqa: BLE001 - any failure: retry later
                logger.exception(
                    "subscriber %s failed on event %s (%s)",
                    subscriber.name,
                    event.id,
                    event.type,
                )
                errors[subscriber.name] = f"{type(exc).__name__}: {exc}"[
                    :ERROR_MAX_LENGTH
                ]
        now = timezone.now()
        event.attempts += 1
        event.last_attempt_at = now
        event.last_error = errors or None
        if not errors:
            event.dispatched_at = now
        event.save(
            update_fields=["attempts", "last_attempt_at", "last_error", "dispatched_at"]
        )
    return DispatchOutcome.FAILED if errors else DispatchOutcome.DELIVERED


def events_dispatch_pending(*, limit: int = 100) -> DispatchSummary:
    """Retry up to ``limit`` undelivered outbox events; the sweeper calls this.

    Events never tried come first, then the least recently tried, so events that
    keep failing cannot starve the others.
    """
    pending = list(
        OutboxEvent.objects.filter(dispatched_at__isnull=True)
        .order_by(F("last_attempt_at").asc(nulls_first=True), "occurred_at")
        .values_list("id", flat=True)[:limit]
    )
    outcomes = [event_dispatch(event_id=event_id) for event_id in pending]
    return DispatchSummary(
        delivered=outcomes.count(DispatchOutcome.DELIVERED),
        failed=outcomes.count(DispatchOutcome.FAILED),
    )
