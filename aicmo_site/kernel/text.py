"""Which characters text input may hold: the one check every input boundary uses.

Refused, with the field named (``VALIDATION_ERROR``):

- lone surrogates (U+D800 to U+DFFF): not text. They cannot be encoded as UTF-8, so a
  stored one broke every page, list and export that showed it;
- control characters: C0 (U+0000 to U+001F) except tab, line feed and carriage return,
  DEL (U+007F) and C1 (U+0080 to U+009F). PostgreSQL cannot store NUL, XML (and so
  XLSX) forbids the rest of C0, and all of them are invisible wherever text is shown;
- the noncharacters U+FFFE and U+FFFF, which XML forbids too.

Every other character is allowed, on purpose: format characters such as the
zero-width joiner of emoji sequences and the direction marks of Arabic or Hebrew text,
private-use characters, and the line and paragraph separators are all real text.

:func:`text_problem` checks one string. :func:`data_problems` checks decoded JSON (a
request body, a brief file) as a whole, keys included, without recursion: it also
refuses nesting deeper than :data:`MAX_DEPTH`, numbers that are not finite, and whole
numbers beyond what a JSON reader can hold exactly (RFC 7493, I-JSON).
"""

import math
import re
from collections.abc import Mapping
from typing import Any

MAX_DEPTH = 20
"""Nesting levels a request body or brief may have (a brief needs three)."""
MAX_SAFE_INTEGER = 2**53 - 1
"""The largest whole number every JSON reader holds exactly (RFC 7493, 2.2)."""
MAX_PROBLEMS = 50
"""Problems :func:`data_problems` names before it stops looking."""
ROOT = "non_field_errors"
"""The name of a problem with the document as a whole, as DRF names it."""

_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
)


def _describe(char: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate (U+{code:04X})"
    if code in (0xFFFE, 0xFFFF):
        return f"a noncharacter (U+{code:04X})"
    return f"a control character (U+{code:04X})"


def text_problem(value: str) -> str | None:
    """Return why ``value`` may not be stored as text, or None when it may.

    The message names the first forbidden character and its position (from 0).
    """
    match = _FORBIDDEN.search(value)
    if match is None:
        return None
    return (
        f"Contains {_describe(match.group())} at position {match.start()}; "
        "control characters (other than tab and line breaks) and lone surrogates "
        "are not allowed."
    )


def key_problem(key: str) -> str | None:
    """Return why ``key`` may not name a field, or None when it may."""
    problem = text_problem(key)
    if problem is None:
        return None
    return f"The field name {problem[0].lower()}{problem[1:]}"


def printable(value: str) -> str:
    r"""Return ``value`` with each forbidden character written as ``\uXXXX``.

    For echoing input in a message: the result can always be encoded and shown.
    """
    return _FORBIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def strip_forbidden(value: str) -> str:
    """Return ``value`` without its forbidden characters."""
    return _FORBIDDEN.sub("", value)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _number_problem(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return "Must be a finite number."
    if isinstance(value, int) and abs(value) > MAX_SAFE_INTEGER:
        return f"Must be a whole number from -{MAX_SAFE_INTEGER} to {MAX_SAFE_INTEGER}."
    return None


def data_problems(
    data: Any, *, max_depth: int = MAX_DEPTH, max_problems: int = MAX_PROBLEMS
) -> dict[str, list[str]]:
    r"""Return every problem of decoded JSON ``data``, by dotted field path.

    Paths are written as the brief's errors are (``client.name``, ``pain_points[2]``);
    a key that holds a forbidden character is named with it escaped (``\u0000``).
    A value nested deeper than ``max_depth`` is named and not looked into. After
    ``max_problems`` problems the walk stops and says so under :data:`ROOT`.
    """
    problems: dict[str, list[str]] = {}
    stack: list[tuple[str, Any, int]] = [("", data, 0)]
    while stack:
        if len(problems) >= max_problems:
            problems.setdefault(ROOT, []).append(
                f"More fields have problems; only the first {max_problems} are named."
            )
            break
        path, value, depth = stack.pop()
        problem: str | None = None
        if isinstance(value, str):
            problem = text_problem(value)
        elif isinstance(value, int | float):
            problem = _number_problem(value)
        elif isinstance(value, Mapping | list | tuple):
            if depth >= max_depth:
                problem = f"Nested too deeply: at most {max_depth} levels."
            elif isinstance(value, Mapping):
                children = []
                for key, child in value.items():
                    name = str(key)
                    child_path = _join(path, printable(name))
                    bad_key = key_problem(name)
                    if bad_key is not None:
                        problems.setdefault(child_path, []).append(bad_key)
                    children.append((child_path, child, depth + 1))
                stack.extend(reversed(children))
            else:
                stack.extend(
                    (_join(path, index), child, depth + 1)
                    for index, child in reversed(list(enumerate(value)))
                )
        if problem is not None:
            problems.setdefault(path or ROOT, []).append(problem)
    return problems
