"""Errors production's API documents; catch ``ProductionError`` for all of them."""

from aicmo_site.kernel.errors import (
    ApplicationError,
    Conflict,
    NotFound,
    ValidationFailed,
)


class ProductionError(ApplicationError):
    """Base for production's business errors."""


class UnknownPack(ProductionError, ValidationFailed):
    """No registered pack has this key; ``fields["pack"]`` lists the known ones."""

    code = "VALIDATION_ERROR"

    def __init__(self, *, key: str, known: tuple[str, ...]):
        message = f"Unknown pack '{key}'. Known packs: {', '.join(known)}."
        super().__init__({"pack": [message]}, message=message)
        self.key = key


class InvalidProductionInput(ProductionError, ValidationFailed):
    """An argument failed validation; ``fields`` names every bad one."""

    code = "VALIDATION_ERROR"


class DraftNotFound(ProductionError, NotFound):
    code = "NOT_FOUND"
    default_message = "Draft not found."


class AssetNotFound(ProductionError, NotFound):
    code = "NOT_FOUND"
    default_message = "Creative asset not found."


class IllegalAssetTransition(ProductionError, Conflict):
    """Assets move DRAFT → APPROVED → SCHEDULED → PUBLISHED, one step at a time."""

    code = "CONFLICT"

    def __init__(
        self, *, asset_id: str, current: str, requested: str, allowed: str | None
    ):
        follow = (
            f"the only allowed next status is {allowed}"
            if allowed
            else f"{current} is final"
        )
        super().__init__(
            f"Cannot move asset {asset_id} from {current} to {requested}: {follow}.",
            extra={
                "asset_id": asset_id,
                "current_status": current,
                "requested_status": requested,
                "allowed_status": allowed,
            },
        )


class DraftNotActive(ProductionError, Conflict):
    """Only an active draft can change; a discarded one keeps its last content."""

    code = "CONFLICT"

    def __init__(self, *, draft_id: str, status: str, action: str = "regenerated"):
        super().__init__(
            f"Draft {draft_id} is {status}; only an active draft can be {action}.",
            extra={"draft_id": draft_id, "status": status},
        )


class DraftVersionConflict(ProductionError, Conflict):
    """An amendment was based on a version that is no longer the draft's current one.

    ``extra`` carries ``current_version`` and ``expected_version``; fetch the draft
    again, reapply the edit and send it with the current version.
    """

    code = "CONFLICT"

    def __init__(self, *, draft_id: str, current_version: int, expected_version: int):
        super().__init__(
            f"Draft {draft_id} is at version {current_version}, not "
            f"{expected_version}: someone changed it since you loaded it. Reload the "
            "draft and apply your edit again.",
            extra={
                "current_version": current_version,
                "expected_version": expected_version,
            },
        )


class DraftGenerationFailed(ProductionError):
    """A generator produced a draft that breaks the draft's invariants."""

    code = "GENERATION_FAILED"
    http_status = 500
    default_message = "The generated draft was not valid."
