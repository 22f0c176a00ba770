"""The errors delivery's public API documents.

``StorageUnavailable`` is transient (a saga step retries it); every other error is a
business error with a stable ``code``.
"""

from aicmo_site.kernel.errors import (
    ApplicationError,
    Conflict,
    NotFound,
    TransientError,
    ValidationFailed,
)


class DeliveryError(ApplicationError):
    """Base class of every delivery business error."""

    code = "DELIVERY_ERROR"


class DeliveryInputInvalid(DeliveryError, ValidationFailed):
    """The input is not valid; ``fields`` names every problem."""

    code = "VALIDATION_ERROR"


class PackageNotFound(DeliveryError, NotFound):
    """No package has the given id."""

    code = "NOT_FOUND"
    default_message = "Package not found."


class ArtifactNotFound(DeliveryError, NotFound):
    """The package has no such artifact, is revoked, or its file is gone."""

    code = "NOT_FOUND"
    default_message = "Artifact not found."


class PackageRevoked(DeliveryError, Conflict):
    """The package is revoked, so it cannot take new work."""

    code = "CONFLICT"
    default_message = "The package is revoked."


class JobNotFound(DeliveryError, NotFound):
    """No execution job has the given id."""

    code = "NOT_FOUND"
    default_message = "Job not found."


class IllegalJobTransition(DeliveryError, Conflict):
    """The job's current status does not allow the requested move."""

    code = "CONFLICT"

    def __init__(
        self, *, job_id: str, current: str, requested: str, required: str, action: str
    ) -> None:
        super().__init__(
            f"Cannot {action} job {job_id}: it is {current}, and only a {required} "
            f"job can move to {requested}.",
            extra={"job_id": job_id, "current": current, "requested": requested},
        )
        self.current = current
        self.requested = requested


class StorageUnavailable(TransientError):
    """Package files could not be written, read or deleted; retry later."""

    code = "STORAGE_UNAVAILABLE"
