"""Placeholder text: the one list of markers that show copy is unfinished.

SPEC.md §3: QC fails work that holds a placeholder. The generators remove these words
from brief text before it reaches copy (and turn every bracket into a parenthesis), QC's
``placeholders`` check fails a section that still holds one, and QC's section standards
count them as forbidden phrases. A placeholder is one of :data:`WORDS`, matched whole
and in any case, or bracketed text such as ``[CLIENT NAME]``.
"""

import re

# The words of a phrase may be split by spaces or hyphens ("lorem-ipsum").
WORDS: tuple[str, ...] = ("TBD", "TBC", "TODO", "FIXME", "XXX", "lorem ipsum")

_ALTERNATIVES = "|".join(
    r"[\s-]+".join(re.escape(part) for part in word.split()) for word in WORDS
)
_WORD_PATTERN = re.compile(rf"(?<!\w)(?:{_ALTERNATIVES})(?!\w)", re.IGNORECASE)
# Removing "lorem ipsum" takes the rest of the stock filler with it.
_REMOVABLE = re.compile(
    rf"(?<!\w)(?:lorem[\s-]+ipsum(?:\s+dolor)?(?:\s+sit\s+amet)?|{_ALTERNATIVES})(?!\w)",
    re.IGNORECASE,
)
# ``[text]`` holding a letter or digit, not escaped and not followed by ``(`` (a
# Markdown link or image); a task-list box (``- [ ]``, ``- [x]``) is not one either.
_BRACKETED = re.compile(r"(?<!\\)\[([^\[\]\n]*?[^\W_][^\[\]\n]*?)\](?!\()")
_TASK_BOX = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]")


def find(line: str) -> list[str]:
    """Return the placeholders one line of Markdown holds, as written: words first."""
    line = _TASK_BOX.sub(r"\1", line)
    found = [match.group(0) for match in _WORD_PATTERN.finditer(line)]
    return found + [match.group(0) for match in _BRACKETED.finditer(line)]


def remove_words(text: str) -> str:
    """Remove every placeholder word from ``text``; brackets are left to the caller."""
    return _REMOVABLE.sub("", text)
