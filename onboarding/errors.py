"""Errors onboarding's API documents."""

from aicmo_site.kernel.errors import (
    ApplicationError,
    Conflict,
    NotFound,
    ValidationFailed,
)


class OnboardingError(ApplicationError):
    """Base for onboarding's business errors."""


class InvalidBrief(ValidationFailed):
    """The brief failed validation; ``fields`` names every bad field."""

    default_message = "The brief is not valid."


class ClientNotFound(NotFound):
    default_message = "Client not found."


class BriefNotFound(NotFound):
    default_message = "Brief not found."


class NormalizedBriefNotFound(NotFound):
    default_message = "Normalized brief not found."


class ProjectNotFound(NotFound):
    default_message = "Project not found."


class IllegalProjectTransition(Conflict):
    """A project move that SPEC §6 does not allow from the current state."""

    def __init__(self, *, action: str, current: str, required: tuple[str, ...]):
        wanted = " or ".join(required)
        super().__init__(
            f"Cannot {action}: the project is {current}, "
            f"and {action} requires {wanted}.",
            extra={
                "action": action,
                "current_state": current,
                "required_state": list(required),
            },
        )
