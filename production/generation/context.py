"""What a draft's writers share: brief facts, strategy, pillars, channels, dates."""

import datetime as dt
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.writing import text
from aicmo_site.writing.facts import Facts, facts_from
from aicmo_site.writing.kpis import KpiPath, kpi_path
from production.dto import PackData, PillarInput, StrategyInput
from production.generation import copywriting

CALENDAR_DAYS = 30
_STOP = text.SMALL_WORDS | frozenset({"your", "our", "their", "with", "more", "less"})


@dataclass(frozen=True, slots=True)
class PillarPlan:
    """A strategy pillar, with the kind of content it carries and its focus."""

    name: str
    description: str
    topics: tuple[str, ...]
    kind: str
    pain: int
    diff: int


@dataclass(frozen=True, slots=True)
class Channel:
    """A calendar channel: its name as the client uses it, and how it posts."""

    name: str
    spec: copywriting.PlatformSpec
    share: int
    added: bool


@dataclass(frozen=True, slots=True)
class KpiPlan:
    """A strategy KPI with its funnel family, baseline and day-30/60/90 targets."""

    name: str
    target: Decimal
    unit: str
    timeframe: str
    path: KpiPath

    @property
    def family(self) -> str:
        return self.path.family


@dataclass(frozen=True, slots=True)
class DraftContext:
    """What every section writer reads; ``variant`` is the variant being written."""

    brief: BriefContext
    strategy: StrategyInput
    pack: PackData
    facts: Facts
    pillars: tuple[PillarPlan, ...]
    channels: tuple[Channel, ...]
    start: dt.date
    days: int
    tone: copywriting.ToneGuide
    kpis: tuple[KpiPlan, ...] = ()
    variant: int = 0

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=self.days - 1)

    @property
    def alt(self) -> bool:
        """Whether this is a regenerated variant, written to a different plan."""
        return self.variant >= 1

    def with_variant(self, variant: int) -> "DraftContext":
        return replace(self, variant=variant)


def _tokens(value: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", value.lower()) if w not in _STOP}


def _overlap(a: str, b: str) -> float:
    left, right = _tokens(a), _tokens(b)
    return len(left & right) / len(right) if right else 0.0


def infer_kind(pillar: PillarInput, f: Facts) -> str:
    """Guess what a pillar is for from its name, against the brief's own facts."""
    name = pillar.name.lower()
    if re.search(r"\b(?:careers?|hiring|life at|join(?:ing)? the team)\b", name):
        return "careers"
    if re.search(r"\bpartner(?:ing|ships?|s with)\b", name):
        return "partners"
    if re.search(r"\b(?:getting more|loyalty|members?(?:hip)?)\b", name):
        return "retention"
    if name.startswith("meet "):
        return "brand"
    # A pillar written around a pain point quotes it in its description.
    if any(_overlap(pillar.description, pain) >= 0.7 for pain in f.pains):
        return "problem"
    if (f.city and f.city.lower() in name) or re.search(
        r"\b(?:community|voices)\b", name
    ):
        return "community"
    if _overlap(name, f.offer_short) >= 0.6 or re.search(
        r"\b(?:explained|choosing)\b", name
    ):
        return "offer"
    if any(_overlap(name, diff) >= 0.5 for diff in f.diffs) or re.search(
        r"\b(?:inside|standard|proof|behind|difference|craft)\b", name
    ):
        return "proof"
    return "problem"


def _focus(text_: str, items: tuple[str, ...], fallback: int) -> int:
    if not items:
        return 0
    scores = [_overlap(text_, item) for item in items]
    best = max(scores)
    return scores.index(best) if best > 0 else fallback % len(items)


def plan_pillars(strategy: StrategyInput, f: Facts) -> tuple[PillarPlan, ...]:
    """Attach a content kind and a pain/differentiator focus to each pillar."""
    plans = []
    for index, pillar in enumerate(strategy.pillars):
        about = f"{pillar.name} {pillar.description}"
        plans.append(
            PillarPlan(
                name=pillar.name,
                description=pillar.description,
                topics=pillar.example_topics,
                kind=infer_kind(pillar, f),
                pain=_focus(about, f.pains, index),
                diff=_focus(about, f.diffs, index),
            )
        )
    return tuple(plans)


def plan_channels(strategy: StrategyInput, f: Facts) -> tuple[Channel, ...]:
    """Return the channels that carry posts, biggest budget share first.

    Paid search, SEO and events carry no posts. When no social platform is left, the
    sector's usual one is added, so a calendar always has somewhere to post.
    """
    named = [(c.channel, c.budget_pct) for c in strategy.channel_plan] or [
        (name, 0) for name in f.channels
    ]
    channels: list[Channel] = []
    seen: set[str] = set()
    for name, share in sorted(named, key=lambda item: -item[1]):
        spec = copywriting.platform_spec(name, f.profile)
        if spec is None or spec.key in seen:
            continue
        seen.add(spec.key)
        channels.append(Channel(name=name, spec=spec, share=share, added=False))
    if not any(c.spec.kind == "social" for c in channels):
        for name in (*f.profile.default_channels, "Instagram", "LinkedIn"):
            spec = copywriting.platform_spec(name, f.profile)
            if spec is not None and spec.kind == "social" and spec.key not in seen:
                channels.append(Channel(name=name, spec=spec, share=0, added=True))
                break
    return tuple(channels)


def plan_kpis(strategy: StrategyInput, weeks: int) -> tuple[KpiPlan, ...]:
    """Attach each KPI's path: the strategy's own numbers where it gives them."""
    plans = []
    for kpi in strategy.kpis:
        derived = kpi_path(name=kpi.name, target=kpi.target, unit=kpi.unit, weeks=weeks)
        if (
            kpi.baseline is not None
            and kpi.target_30d is not None
            and kpi.target_60d is not None
            and kpi.target_90d is not None
        ):
            path = KpiPath(
                family=kpi.family or derived.family,
                baseline=kpi.baseline,
                day_30=kpi.target_30d,
                day_60=kpi.target_60d,
                day_90=kpi.target_90d,
            )
        else:
            path = replace(derived, family=kpi.family or derived.family)
        plans.append(
            KpiPlan(
                name=kpi.name,
                target=kpi.target,
                unit=kpi.unit,
                timeframe=kpi.timeframe,
                path=path,
            )
        )
    return tuple(plans)


def build_context(
    *, brief: BriefContext, strategy: StrategyInput, pack: PackData
) -> DraftContext:
    """Derive the shared context for writing one draft."""
    f = facts_from(brief)
    return DraftContext(
        brief=brief,
        strategy=strategy,
        pack=pack,
        facts=f,
        pillars=plan_pillars(strategy, f),
        channels=plan_channels(strategy, f),
        start=brief.start_date,
        # A campaign shorter than 30 days gets a calendar as long as the campaign.
        days=min(CALENDAR_DAYS, f.weeks * 7),
        tone=copywriting.tone_guide(f.tone),
        kpis=plan_kpis(strategy, f.weeks),
    )
