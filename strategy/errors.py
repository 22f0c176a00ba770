"""Errors strategy's API documents; catch ``StrategyError`` for all of them."""

from aicmo_site.kernel.errors import (
    ApplicationError,
    Conflict,
    NotFound,
    ValidationFailed,
)


class StrategyError(ApplicationError):
    """Base for strategy's business errors."""


class StrategyNotFound(StrategyError, NotFound):
    code = "NOT_FOUND"
    default_message = "Strategy not found."


class StrategyNotApprovable(StrategyError, Conflict):
    """Only a draft (or an already approved) strategy can be approved."""

    code = "CONFLICT"
    default_message = "This strategy cannot be approved."


class InvalidStrategyInput(StrategyError, ValidationFailed):
    """An argument failed validation; ``fields`` names every bad one."""

    code = "VALIDATION_ERROR"


class StrategyGenerationFailed(StrategyError):
    """A generator produced a strategy that breaks the strategy's invariants."""

    code = "GENERATION_FAILED"
    http_status = 500
    default_message = "The generated strategy was not valid."
