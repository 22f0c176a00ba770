"""Errors orchestration's API documents."""

from aicmo_site.kernel.errors import (
    ApplicationError,
    Conflict,
    NotFound,
    ValidationFailed,
)


class RunNotFound(NotFound):
    default_message = "Run not found."


class RunNotRetryable(Conflict):
    default_message = "Only a run in compensation_failed can be retried."


class RunNotCancellable(Conflict):
    default_message = "The run has finished and cannot be cancelled."


class UnknownWorkflow(ValidationFailed):
    """The workflow name is not defined."""


class InvalidRunOptions(ValidationFailed):
    """A run option (pack, force_fail, crash_after) is not valid."""


class FaultInjectionDisabled(ApplicationError):
    """``force_fail`` or ``crash_after`` was asked for while the setting is off."""

    code = "FAULT_INJECTION_DISABLED"
    default_message = (
        "Fault injection is disabled: set AICMO_ALLOW_FAULT_INJECTION=true to use "
        "force_fail or crash_after."
    )


class DeliveryUnavailable(ApplicationError):
    """Injected delivery outage (``force_fail=delivery``)."""

    code = "DELIVERY_UNAVAILABLE"
    http_status = 503
    default_message = "Delivery system unavailable"


class LeaseLost(Exception):
    """This worker's claim on the run was taken over; its work must not commit."""


class DraftNotRedeliverable(Conflict):
    """Only a draft that a completed run delivered can be re-delivered."""

    default_message = "Only a draft that a completed run delivered can be re-delivered."


class IdempotencyKeyReused(Conflict):
    """The owner's idempotency key already started a run for a different request."""

    default_message = (
        "This idempotency key was already used with a different request; use a new "
        "key for a new request."
    )
