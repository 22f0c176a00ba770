"""Request body parsers: every body under /api/ is checked as a whole before a view.

DRF's parsers turn malformed JSON into a 400, but let three kinds of bad body through
to a 500: nesting deep enough to exhaust the JSON decoder's recursion
(``RecursionError``), lone surrogates that cannot be encoded back to UTF-8, and values
a database refuses (NUL) or cannot hold (integers past 64 bits). These parsers refuse
all of them with ``VALIDATION_ERROR``, naming each bad field, through
:func:`aicmo_site.kernel.text.data_problems`. A body over
``DATA_UPLOAD_MAX_MEMORY_SIZE`` raises Django's ``RequestDataTooBig`` while it is read;
the exception handler answers it with 413 ``PAYLOAD_TOO_LARGE``.
"""

from collections.abc import Mapping
from typing import Any

from rest_framework import exceptions, parsers

from aicmo_site.kernel import text
from aicmo_site.kernel.errors import ValidationFailed


def check(data: Any) -> None:
    """Raise ``ValidationFailed`` naming every problem :mod:`~.text` finds in data."""
    problems = text.data_problems(data)
    if problems:
        raise ValidationFailed(problems)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing deep nesting and forbidden characters."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        """Return the decoded body, or raise naming what is wrong with it."""
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(
                f"JSON parse error - nested too deeply: at most {text.MAX_DEPTH} "
                "levels."
            ) from None
        check(data)
        return data


def _form_problems(data: Any) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for key, values in data.lists():
        name = text.printable(key)
        found = [text.key_problem(key)]
        found += [text.text_problem(v) for v in values if isinstance(v, str)]
        for problem in found:
            if problem is not None:
                problems.setdefault(name, []).append(problem)
    return problems


class FormParser(parsers.FormParser):
    """DRF's form parser, refusing forbidden characters in names and values."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        """Return the decoded form, or raise naming each bad field."""
        data = super().parse(stream, media_type, parser_context)
        problems = _form_problems(data)
        if problems:
            raise ValidationFailed(problems)
        return data


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, refusing forbidden characters in the form fields."""

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        """Return the decoded form and files, or raise naming each bad field."""
        parsed = super().parse(stream, media_type, parser_context)
        problems = _form_problems(parsed.data)
        if problems:
            raise ValidationFailed(problems)
        return parsed
