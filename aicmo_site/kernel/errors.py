"""Error types every app builds on.

``ApplicationError`` is a *business* error: documented, with a stable ``code``; a saga
step that raises one fails at once. ``TransientError`` is a *technical* error that may
pass on its own (storage hiccup, busy database); a saga step retries it with backoff.
"""

from typing import Any, ClassVar


class ApplicationError(Exception):
    """A documented domain error with a stable code and an HTTP status."""

    code: ClassVar[str] = "APPLICATION_ERROR"
    http_status: ClassVar[int] = 400
    default_message: ClassVar[str] = "The request could not be completed."

    def __init__(
        self, message: str | None = None, *, extra: dict[str, Any] | None = None
    ):
        self.message = message or self.default_message
        self.extra = extra or {}
        super().__init__(self.message)


class ValidationFailed(ApplicationError):
    """Input failed validation; ``extra["fields"]`` maps every bad field to messages."""

    code = "VALIDATION_ERROR"
    default_message = "The input is not valid."

    def __init__(self, fields: dict[str, list[str]], message: str | None = None):
        names = ", ".join(sorted(fields))
        super().__init__(
            message or f"Invalid fields: {names}.", extra={"fields": fields}
        )
        self.fields = fields


class NotFound(ApplicationError):
    """The named object does not exist."""

    code = "NOT_FOUND"
    http_status = 404
    default_message = "Not found."


class Conflict(ApplicationError):
    """The object is in a state that does not allow the action."""

    code = "CONFLICT"
    http_status = 409
    default_message = "The object's state does not allow this action."


class TransientError(Exception):
    """A technical failure that may succeed on retry (storage, busy database)."""
