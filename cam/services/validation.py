"""Input checks shared by cam's services: each checks, normalizes and reports a field.

A validator takes the call's :class:`Errors`, the field's name and its value; it
returns the normalized value and adds a message for every problem, so a service
reports every bad field at once (:class:`cam.errors.ValidationFailed`).
"""

import functools
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import models

from aicmo_site.kernel import text as kernel_text
from cam import scoring
from cam.errors import ValidationFailed

NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
LONG_TEXT_MAX_LENGTH = 10_000
MONEY_PLACES = Decimal("0.01")
MONEY_MAX = Decimal("999999999999.99")  # fits DecimalField(max_digits=14, 2 places)


class Errors(dict[str, list[str]]):
    """Field errors collected while validating one call."""

    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self:
            raise ValidationFailed(dict(self))


Validator = Callable[[Errors, str, object], object]


def characters_ok(errors: Errors, field: str, value: str) -> bool:
    """Say whether ``value`` may be stored as text; if not, add why to ``errors``.

    NUL, other control characters and lone surrogates are refused at every input:
    see :mod:`aicmo_site.kernel.text`.
    """
    problem = kernel_text.text_problem(value)
    if problem is not None:
        errors.add(field, problem)
    return problem is None


def text(
    errors: Errors, field: str, value: object, *, max_length: int, required: bool
) -> str:
    if not isinstance(value, str):
        errors.add(field, "Must be a string.")
        return ""
    if not characters_ok(errors, field, value):
        return ""
    stripped = value.strip()
    if required and not stripped:
        errors.add(field, "This field is required.")
    elif len(stripped) > max_length:
        errors.add(field, f"At most {max_length} characters.")
    return stripped


def text_validator(max_length: int, *, required: bool) -> Validator:
    return functools.partial(text, max_length=max_length, required=required)


def email(errors: Errors, field: str, value: object) -> str:
    address = text(errors, field, value, max_length=EMAIL_MAX_LENGTH, required=True)
    if address and field not in errors:
        try:
            validate_email(address)
        except DjangoValidationError:
            errors.add(field, "Enter a valid email address.")
    return address


def _decimal(errors: Errors, field: str, value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        errors.add(field, "Must be a number.")
        return None
    try:
        number = (
            Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
        )
    except InvalidOperation:
        errors.add(field, "Must be a number.")
        return None
    if not number.is_finite():
        errors.add(field, "Must be a finite number.")
        return None
    return number


def score(errors: Errors, field: str, value: object) -> Decimal:
    number = _decimal(errors, field, value)
    if number is None:
        return scoring.ZERO
    if not scoring.ZERO <= number <= scoring.ONE:
        errors.add(field, "Must be between 0 and 1.")
        return scoring.ZERO
    return scoring.quantize(number)


def money(
    errors: Errors, field: str, value: object, *, allow_zero: bool
) -> Decimal | None:
    number = _decimal(errors, field, value)
    if number is None:
        return None
    if number < 0 or (number == 0 and not allow_zero):
        errors.add(
            field, "Must be zero or more." if allow_zero else "Must be positive."
        )
        return None
    if number > MONEY_MAX:
        errors.add(field, f"At most {MONEY_MAX}.")
        return None
    if number != number.quantize(MONEY_PLACES):
        errors.add(field, "At most 2 decimal places.")
        return None
    return number.quantize(MONEY_PLACES)


def optional_money(errors: Errors, field: str, value: object) -> Decimal | None:
    return None if value is None else money(errors, field, value, allow_zero=True)


def boolean(errors: Errors, field: str, value: object) -> bool:
    if not isinstance(value, bool):
        errors.add(field, "Must be true or false.")
        return False
    return value


def positive_int(errors: Errors, field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(field, "Must be a whole number.")
        return 0
    if value <= 0:
        errors.add(field, "Must be greater than 0.")
    return value


def choice(
    errors: Errors, field: str, value: object, choices: type[models.TextChoices]
) -> str:
    if value not in choices.values:
        allowed = ", ".join(choices.values)
        errors.add(field, f"{value!r} is not one of: {allowed}.")
        return ""
    return str(value)


def check_fields(
    values: Mapping[str, object], validators: Mapping[str, Validator]
) -> tuple[dict[str, Any], Errors]:
    """Run each field's validator; a field without one cannot be set."""
    errors = Errors()
    for name in sorted(set(values) - set(validators)):
        errors.add(name, "This field cannot be set.")
    cleaned = {
        name: validators[name](errors, name, value)
        for name, value in values.items()
        if name in validators
    }
    return cleaned, errors


def clean_fields(
    values: Mapping[str, object], validators: Mapping[str, Validator]
) -> dict[str, Any]:
    """Return the normalized fields, or raise ValidationFailed naming every bad one."""
    cleaned, errors = check_fields(values, validators)
    errors.raise_if_any()
    return cleaned
