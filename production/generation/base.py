"""The generator interface: any draft generator returns a ``GeneratedDraft``.

The template generator is the default; an LLM-backed one can implement the same
protocol. Whatever writes the draft, :func:`finalize` scrubs it (banned words,
placeholders) and checks it against its pack before it is stored, and
:func:`render_markdown` builds the report, so those contracts hold for every generator.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.writing import text
from production.dto import DraftSectionData, PackData, PostData, StrategyInput

# The calendar header is a contract with QC; it is never rewritten.
CALENDAR_HEADER = "| Date | Platform | Pillar | Theme | Hook | CTA | Format |"


@dataclass(frozen=True, slots=True, kw_only=True)
class GeneratedDraft:
    """A written draft, before it gets an id."""

    title: str
    sections: tuple[DraftSectionData, ...]
    posts: tuple[PostData, ...]


class ContentGenerator(Protocol):
    """Writes a pack's draft from a brief and a strategy; deterministic per input.

    Each section can be written in several variants. Variant 0 is the first draft;
    any other variant must be materially different (another structure, angle or
    order of ideas, not synonyms) and just as valid. ``variants`` maps a section key
    to its variant; a key it leaves out, or no mapping at all, means variant 0. The
    variant of ``detailed_30_day_calendar`` also decides the posts.
    """

    def supports(self, pack: PackData) -> bool:
        """Return whether this generator can write every section of ``pack``."""
        ...

    def generate(
        self,
        *,
        brief: BriefContext,
        strategy: StrategyInput,
        pack: PackData,
        variants: Mapping[str, int] | None = None,
    ) -> GeneratedDraft:
        """Return the draft for ``pack``, each section in its variant."""
        ...


class ContentInvalid(ValueError):
    """Generated content breaks an invariant; the message lists every problem."""


def scrub_value(value: Any, banned: tuple[str, ...]) -> Any:
    """Scrub every string inside ``value``, leaving the calendar header as it is."""
    return text.scrub_value(value, banned, protect=(CALENDAR_HEADER,))


def problems(draft: GeneratedDraft, pack: PackData) -> list[str]:
    """Return every way ``draft`` breaks its pack's contract (empty when valid)."""
    found = []
    expected = [s.key for s in pack.sections]
    written = [s.key for s in draft.sections]
    if written != expected:
        found.append(f"sections must be exactly {', '.join(expected)}, in that order")
    for section in draft.sections:
        if not section.body.strip():
            found.append(f"section {section.key} is empty")
        if any(line.startswith(("# ", "## ")) for line in section.body.splitlines()):
            found.append(f"section {section.key} must not contain # or ## headings")
    if not draft.title.strip():
        found.append("the draft needs a title")
    return found


def finalize(
    draft: GeneratedDraft, brief: BriefContext, pack: PackData
) -> GeneratedDraft:
    """Scrub banned words and placeholders, then check the draft against its pack.

    Raises:
        ContentInvalid: the draft breaks its pack's contract.
    """
    scrubbed = scrub_value(draft, brief.banned_words)
    found = problems(scrubbed, pack)
    if found:
        raise ContentInvalid("; ".join(found))
    return scrubbed


def render_markdown(title: str, sections: tuple[DraftSectionData, ...]) -> str:
    """Return the report: ``# title``, then each section as ``## title`` and body."""
    parts = [f"# {title}"]
    parts += [f"## {section.title}\n\n{section.body.strip()}" for section in sections]
    return "\n\n".join(parts) + "\n"
