"""The generator interface: any strategy generator returns ``StrategyContent``.

The template generator is the default; an LLM-backed one can implement the same
protocol. Whatever produces the content, :func:`finalize` scrubs it and checks the
strategy's invariants before it is stored.
"""

from dataclasses import dataclass
from typing import Protocol

from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.writing import text
from strategy.dto import ChannelPlanData, KpiData, MilestoneData, PillarData

MIN_PILLARS = 3
MIN_KPIS = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class StrategyContent:
    """The generated body of a strategy, before it gets an id and a version."""

    executive_summary: str
    positioning: str
    key_messages: tuple[str, ...]
    pillars: tuple[PillarData, ...]
    kpis: tuple[KpiData, ...]
    channel_plan: tuple[ChannelPlanData, ...]
    milestones: tuple[MilestoneData, ...]


class StrategyGenerator(Protocol):
    """Turns a brief into strategy content; must be deterministic for a given brief."""

    def generate(self, brief: BriefContext) -> StrategyContent:
        """Return the strategy content for ``brief``."""
        ...


class ContentInvalid(ValueError):
    """Generated content breaks an invariant; the message lists every problem."""


def problems(content: StrategyContent, brief: BriefContext) -> list[str]:
    """Return every broken invariant of ``content`` (empty when it is valid)."""
    found = []
    names = [pillar.name.strip().lower() for pillar in content.pillars]
    if len(set(filter(None, names))) < MIN_PILLARS:
        found.append(f"needs at least {MIN_PILLARS} distinctly named pillars")
    if len(content.kpis) < MIN_KPIS:
        found.append(f"needs at least {MIN_KPIS} KPIs")
    if not 3 <= len(content.key_messages) <= 5:
        found.append("needs 3 to 5 key messages")
    if not content.channel_plan:
        found.append("needs at least one channel")
    elif sum(item.budget_pct for item in content.channel_plan) != 100:
        found.append("channel budget shares must sum to 100")
    if any(item.budget_pct < 0 for item in content.channel_plan):
        found.append("channel budget shares cannot be negative")
    last_week = brief.duration_weeks
    if any(not 1 <= m.week <= last_week for m in content.milestones):
        found.append(f"milestones must fall within weeks 1 to {last_week}")
    if not content.milestones:
        found.append("needs at least one milestone")
    if not content.executive_summary.strip() or not content.positioning.strip():
        found.append("needs an executive summary and a positioning statement")
    return found


def finalize(content: StrategyContent, brief: BriefContext) -> StrategyContent:
    """Scrub banned words and placeholders from every text, then check invariants.

    Raises:
        ContentInvalid: the content breaks an invariant of a strategy.
    """
    scrubbed = text.scrub_value(content, brief.banned_words)
    found = problems(scrubbed, brief)
    if found:
        raise ContentInvalid("; ".join(found))
    return scrubbed
