"""The numbers side of a strategy: channel budget split, KPIs and milestones."""

import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from aicmo_site.writing import budget, text, workdays
from aicmo_site.writing.facts import Facts, long_date
from aicmo_site.writing.kpis import (
    FAMILIES,
    horizon_days,
    is_money,
    kpi_family,
    kpi_path,
    lower_is_better,
    timeframe_span,
)
from strategy.dto import ChannelPlanData, KpiData, MilestoneData, PillarData
from strategy.generation import goals, profiles

OBJECTIVE_RESULT = {
    "Awareness": "an audience {brand} owns",
    "Leads": "enquiries",
    "Sales": "orders",
    "Hiring": "applications",
    "Partnerships": "partner meetings",
    "Retention": "repeat business",
}
SUPPORT_JOB = {
    "Awareness": "widens reach beyond the lead channel",
    "Leads": "warms up {audience} so they are ready to enquire",
    "Sales": "keeps {offer} in view until people are ready to buy",
    "Hiring": "reaches candidates the lead channel misses",
    "Partnerships": "gives prospective partners proof to look at before they reply",
    "Retention": "keeps existing {customers} engaged between purchases",
}
KIND_JOB = {
    "search": "captures the demand the other channels create, at the moment of search",
    "web": "builds search traffic that keeps arriving after the campaign ends",
    "messaging": "keeps the conversation going with people who have opted in",
    "offline": "turns online interest into face-to-face conversations",
    "print": "reaches people away from the feed, at home and in the places they pass",
    "audio": "puts a trusted host's voice behind the message, for listeners who skip "
    "most ads",
}
POSTING_KINDS = frozenset({"social", "video"})
MAX_KPIS = 8
# The quick pack's plan is a light one: fewer KPIs, beside its budget arithmetic.
PACK_MAX_KPIS = {"quick_social_basic": 7}
# How many channels a pack's plan may hold; issue 3 asks 3 to 4 for a full campaign.
CHANNEL_RANGE: dict[str, tuple[int, int | None]] = {
    "strategy_campaign_standard": (3, 4),
}
FALLBACK_CHANNELS = ("Instagram", "LinkedIn", "Email", "Facebook")


def split_budget(weights: list[float], floor: int = 5) -> list[int]:
    """Split 100 by ``weights`` into whole numbers, each at least ``floor``."""
    count = len(weights)
    if count == 0:
        return []
    if sum(max(0.0, w) for w in weights) <= 0:
        weights = [1.0] * count
    weights = [max(0.0, w) for w in weights]
    floor = min(floor, 100 // count)
    spare = 100 - floor * count
    total = sum(weights)
    raw = [spare * w / total for w in weights]
    shares = [floor + math.floor(r) for r in raw]
    by_remainder = sorted(range(count), key=lambda i: (math.floor(raw[i]) - raw[i], i))
    for i in by_remainder[: 100 - sum(shares)]:
        shares[i] += 1
    return shares


def posting_channels(f: Facts) -> tuple[str, ...]:
    """Return the brief's channels that carry posts (social and video platforms)."""
    found = []
    for channel in f.channels:
        profile = profiles.channel_profile(channel)
        if profile is None or profile.kind in POSTING_KINDS:
            found.append(channel)
    return tuple(found)


def _tactics(f: Facts, channel: str, pillar: str) -> list[str]:
    profile = profiles.channel_profile(channel)
    values = f.values(channel=channel, pillar=pillar)
    if profile is None:
        return [
            f"A steady weekly rhythm on {channel}, built from the {pillar} pillar",
            profiles.OBJECTIVE_TACTICS[f.objective].format(**values),
            f"A monthly review of {channel} results against the KPIs, cutting what "
            "does not perform",
        ]
    lead = profile.objective_tactics.get(f.objective, profile.tactics[2])
    return [lead.format(**values), *(t.format(**values) for t in profile.tactics[:2])]


@dataclass(frozen=True, slots=True)
class ChannelFit:
    """The brief's facts with the pack's channel count, and what changed to get it."""

    facts: Facts
    added: tuple[str, ...]
    dropped: tuple[str, ...]


def _channel_key(name: str) -> str:
    profile = profiles.channel_profile(name)
    return profile.key if profile else name.strip().lower()


def fit_channels(f: Facts, pack: str) -> ChannelFit:
    """Bring the channel list within the pack's range (3 to 4 for a campaign).

    Missing channels come from the sector's usual ones; extra channels go, lightest
    weight for the objective first, keeping the brief's order for the rest.
    """
    low, high = CHANNEL_RANGE.get(pack, (1, None))
    channels = list(f.channels)
    added: list[str] = []
    candidates = (*f.profile.default_channels, *FALLBACK_CHANNELS)
    for name in candidates:
        if len(channels) >= low:
            break
        if _channel_key(name) not in {_channel_key(c) for c in channels}:
            channels.append(name)
            added.append(name)
    dropped: list[str] = []
    if high is not None and len(channels) > high:
        weights = [profiles.channel_weight(c, f.objective, f.b2b) for c in channels]
        ranked = sorted(range(len(channels)), key=lambda i: (-weights[i], i))
        kept = sorted(ranked[:high])
        dropped = [c for i, c in enumerate(channels) if i not in kept]
        channels = [channels[i] for i in kept]
    return ChannelFit(
        facts=replace(f, channels=tuple(channels)),
        added=tuple(added),
        dropped=tuple(dropped),
    )


def build_channel_plan(
    f: Facts, pillars: tuple[PillarData, ...], added: tuple[str, ...] = ()
) -> tuple[ChannelPlanData, ...]:
    """Return one plan line per channel, budget shares summing to exactly 100."""
    weights = [profiles.channel_weight(ch, f.objective, f.b2b) for ch in f.channels]
    shares = split_budget(weights)
    leader = min(range(len(shares)), key=lambda i: (-shares[i], i))
    # Shares are of the channel spend: the creator pool and production come first.
    share_word = "of channel spend" if f.budget is not None else "of the team's effort"
    plan = []
    for index, channel in enumerate(f.channels):
        profile = profiles.channel_profile(channel)
        pct = shares[index]
        values = f.values(channel=channel)
        if profile:
            role = profile.role.format(**values)
        else:
            role = f"{channel} was named in the brief as a place {f.audience_short} use"
        if len(f.channels) == 1:
            job = (
                f"As the only channel, it carries the whole {f.objective.lower()} plan."
            )
        elif index == leader:
            job = (
                f"With the largest share ({pct}% {share_word}), it carries the "
                f"{f.objective.lower()} objective for {f.offer_ref}."
            )
        elif profile and profile.kind == "email":
            result = OBJECTIVE_RESULT[f.objective].format(brand=f.brand)
            job = (
                f"At {pct}% {share_word}, mostly automation and design, it turns "
                f"attention won elsewhere into {result}."
            )
        elif profile and profile.kind in KIND_JOB:
            job = f"At {pct}% {share_word}, it {KIND_JOB[profile.kind]}."
        else:
            support = SUPPORT_JOB[f.objective].format(**values)
            job = f"At {pct}% {share_word}, it {support}."
        rationale = f"{role}. {job}"
        if f.channels_defaulted:
            rationale += (
                " Recommended because the brief named no channels, and it suits "
                f"{text.a_an(f.entity)} like {f.brand}."
            )
        elif channel in added:
            rationale += (
                " Added because a full campaign needs at least three channels, and "
                f"it suits {text.a_an(f.entity)} like {f.brand}."
            )
        tactics = _tactics(f, channel, pillars[0].name)
        plan.append(
            ChannelPlanData(
                channel=channel,
                budget_pct=pct,
                tactics=tuple(text.upper_first(t) for t in tactics),
                rationale=rationale,
            )
        )
    return tuple(plan)


# --- KPIs -----------------------------------------------------------------------

# Packs whose plan funds a creator pool (they carry an influencer strategy).
CREATOR_PACKS = frozenset({"strategy_campaign_standard"})
# A goal leads the plan when it counts results of this family for the objective.
LEAD_FAMILIES = {
    "Awareness": ("Conversion",),
    "Retention": ("Retention", "Conversion"),
}


def budget_scale(f: Facts) -> float:
    """Return how far organic targets scale with weekly spend (1.0 at ~USD 1,000)."""
    if f.budget is None:
        return 0.45
    usd = float(f.budget) * profiles.USD_RATES.get(f.currency, 1.0)
    return min(8.0, max(0.25, (usd / f.weeks / 1000) ** 0.6))


def nice(value: float) -> Decimal:
    """Round a volume target to two significant figures (at least 1)."""
    if value < 100:
        return Decimal(max(1, round(value)))
    step = 10 ** (math.floor(math.log10(value)) - 1)
    return Decimal(round(value / step) * step)


def money(value: float) -> Decimal:
    """Round a cost target: cents below 20, whole units above."""
    places = Decimal("0.01") if value < 20 else Decimal(1)
    return Decimal(str(value)).quantize(places, ROUND_HALF_UP)


def _kpi(name: str, target: Decimal | float, unit: str, timeframe: str) -> KpiData:
    value = target if isinstance(target, Decimal) else Decimal(str(target))
    return KpiData(name=name, target=value, unit=unit, timeframe=timeframe)


@dataclass(frozen=True, slots=True)
class Volumes:
    """The numbers the objective's own KPIs are built from.

    With a budget they come from the arithmetic (:func:`budget.funnel`); without
    one, from organic planning heuristics scaled to the campaign's length.
    """

    reach: float
    impressions: float
    visits: float
    results: float
    rate: float  # the conversion rate from a visit, in %
    spend: float | None  # channel and creator spend, for revenue
    cost_each: float | None  # the all-in cost of one result


def _organic_volumes(f: Facts) -> Volumes:
    w, s = f.weeks, budget_scale(f)
    reach = float(nice(5000 * w * s))
    per_week = {
        "Awareness": reach,
        "Leads": (4 if f.b2b else 8) * w * s,
        "Sales": (3 if f.b2b else 12) * w * s,
        "Hiring": 4 * w * s,
        "Partnerships": 1.2 * w * s,
        "Retention": 5 * w * s,
    }
    consumer, business = budget.VISIT_RATE[f.objective]
    rate = float((business if f.b2b else consumer) * 100)
    results = float(nice(per_week[f.objective]))
    return Volumes(
        reach=reach,
        impressions=reach * 2.6,
        visits=max(results / (rate / 100), reach * 0.03),
        results=results,
        rate=rate,
        spend=None,
        cost_each=None,
    )


def _funnel_volumes(
    fun: budget.Funnel, lines: tuple[budget.BudgetLine, ...]
) -> Volumes:
    spend = sum(
        (line.amount for line in lines if line.kind != "production"), Decimal(0)
    )
    reach = fun.people
    results = reach if fun.outcome.basis == "reach" else fun.results
    return Volumes(
        reach=float(max(1, reach)),
        impressions=float(max(1, fun.impressions)),
        visits=float(max(1, fun.visits)),
        results=float(max(Decimal(1), results)),
        rate=float(fun.outcome.rate * 100),
        spend=float(spend),
        cost_each=float(fun.cost_each) if fun.cost_each else None,
    )


def _cost(v: Volumes, name: str, f: Facts) -> KpiData | None:
    if v.cost_each is None:
        return None
    return _kpi(name, money(v.cost_each), f.currency, "campaign average, all in")


def _awareness(f: Facts, w: int, s: float, v: Volumes) -> list[KpiData]:
    where = f"in {f.place}" if f.city else "in the target market"
    return [
        _kpi(f"Unique reach {where}", nice(v.reach), "people",
             f"by the end of week {w}"),
        _kpi("Net new followers", nice(45 * w * s), "followers",
             f"by the end of week {w}"),
        _kpi("Engagement rate", 2.5 if f.b2b else 4.0, "%", "average per post"),
        _kpi(f"Website sessions on {f.site}", nice(v.visits), "sessions",
             f"across {w} weeks"),
        _kpi(f"Branded searches for {f.brand}", 25, "%",
             "increase on the four weeks before launch"),
    ]  # fmt: skip


def _leads(f: Facts, w: int, s: float, v: Volumes) -> list[KpiData]:
    leads = nice(v.results)
    kpis = [
        _kpi(f"Qualified enquiries for {f.offer_ref}", leads, "leads",
             f"by the end of week {w}"),
        _kpi("Landing-page conversion rate", v.rate, "%", "campaign average"),
        _kpi("Landing-page visits", nice(v.visits), "visits", f"across {w} weeks"),
        _kpi("Enquiries that become sales conversations", 30, "%",
             "within 14 days of each enquiry"),
        _kpi("Median first response to an enquiry", 4, "hours", "every enquiry"),
    ]  # fmt: skip
    cost = _cost(v, "Cost per qualified lead", f)
    kpis.append(
        cost
        or _kpi("New email subscribers", nice(float(leads) * 1.5), "subscribers",
                f"by the end of week {w}")
    )  # fmt: skip
    return kpis


def _sales(f: Facts, w: int, s: float, v: Volumes) -> list[KpiData]:
    orders = nice(v.results)
    kpis = [
        _kpi(f"{text.upper_first(f.offer_short)} orders", orders, "orders",
             f"by the end of week {w}"),
        _kpi("Website conversion rate", v.rate, "%", "campaign average"),
    ]  # fmt: skip
    cost = _cost(v, "Cost per acquisition", f)
    if v.spend is not None and cost is not None:
        kpis += [
            cost,
            _kpi("Revenue attributed to the campaign", nice(v.spend * 3),
                 f.currency, f"across {w} weeks"),
            _kpi("Return on ad spend", 3.0, "x", "campaign average"),
        ]  # fmt: skip
    else:
        kpis += [
            _kpi(f"Product-page visits for {f.offer_ref}", nice(v.visits), "visits",
                 f"across {w} weeks"),
            _kpi("Repeat-purchase rate", 20, "%", f"within {w} weeks"),
            _kpi("New email subscribers", nice(float(orders) * 2), "subscribers",
                 f"by the end of week {w}"),
        ]  # fmt: skip
    kpis.append(_kpi("Abandoned-basket recovery rate", 10, "%", "campaign average"))
    return kpis


def _hiring(f: Facts, w: int, s: float, v: Volumes) -> list[KpiData]:
    applications = nice(v.results)
    interviews = nice(float(applications) * 0.3)
    kpis = [
        _kpi("Qualified applications", applications, "applications",
             f"by the end of week {w}"),
        _kpi("Careers-page visits", nice(v.visits), "visits", f"across {w} weeks"),
        _kpi("Application completion rate", 60, "%", "campaign average"),
        _kpi("Interviews held", interviews, "interviews", f"by the end of week {w}"),
        _kpi("Hires", max(1, round(float(interviews) * 0.2)), "hires",
             f"offers accepted by week {w}"),
    ]  # fmt: skip
    cost = _cost(v, "Cost per qualified applicant", f)
    kpis.append(
        cost
        or _kpi("Time to first reply to an applicant", 2, "working days",
                "every application")
    )  # fmt: skip
    return kpis


def _partnerships(f: Facts, w: int, s: float, v: Volumes) -> list[KpiData]:
    meetings = nice(v.results)
    # About a quarter of the partners approached agree to meet.
    contacted = nice(float(meetings) / 0.25)
    proposals = max(1, round(float(meetings) * 0.5))
    reach = v.reach if v.spend is not None else 3000 * w * s
    return [
        _kpi("Partner meetings held", meetings, "meetings", f"by the end of week {w}"),
        _kpi("Target partners contacted", contacted, "organisations",
             f"by the end of week {w}"),
        _kpi("Outreach reply rate", 25, "%", "campaign average"),
        _kpi("Partnership proposals sent", proposals, "proposals",
             f"by the end of week {w}"),
        _kpi("Signed partners", max(1, round(proposals * 0.4)), "partners",
             f"agreements signed by week {w}"),
        _partner_reach(f, w, meetings, nice(reach)),
    ]  # fmt: skip


def _partner_reach(f: Facts, w: int, meetings: Decimal, reach: Decimal) -> KpiData:
    """Co-marketing reaches partners' audiences; resellers get a kit to sell with."""
    if f.profile.partners == "partners":
        return _kpi("Co-marketing reach", reach, "people", f"across {w} weeks")
    partners = f.profile.partners
    return _kpi(
        f"{text.upper_first(partners)} given the {f.profile.partner_kit}",
        meetings,
        partners,
        f"by the end of week {w}",
    )


def _retention(f: Facts, w: int, s: float, v: Volumes) -> list[KpiData]:
    return [
        _kpi(f"Lapsed {f.customers} won back", nice(v.results), f.customers,
             f"across {w} weeks"),
        _kpi("Renewal rate" if f.b2b else "Repeat-purchase rate",
             90 if f.b2b else 35, "%", f"by the end of week {w}"),
        _kpi("Monthly churn rate", 2 if f.b2b else 3, "%", "at or below, each month"),
        _kpi("Email open rate", 40, "%", "average per send"),
        _kpi(f"Referrals from existing {f.customers}", nice(3 * w * s), "referrals",
             f"across {w} weeks"),
        _kpi("Net Promoter Score", 50, "points", "end-of-campaign survey"),
    ]  # fmt: skip


def _family_kpi(f: Facts, family: str, w: int, v: Volumes) -> KpiData:
    """Return a KPI that covers ``family`` for a plan whose objective lacks one."""
    where = f"in {f.place}" if f.city else "in the target market"
    if family == "Awareness":
        return _kpi(f"Unique reach {where}", nice(v.reach), "people",
                    f"by the end of week {w}")  # fmt: skip
    if family == "Engagement":
        name = (
            "Engagement rate on careers posts"
            if f.objective == "Hiring"
            else ("Engagement rate")
        )
        return _kpi(name, 2.5 if f.b2b else 4.0, "%", "average per post")
    if family == "Conversion":
        if f.objective == "Retention":
            return _kpi("Sign-ups from referral links", nice(v.results * 0.4),
                        "sign-ups", f"across {w} weeks")  # fmt: skip
        return _kpi(f"Newsletter sign-ups from {f.site}", nice(v.visits * 0.02),
                    "sign-ups", f"across {w} weeks")  # fmt: skip
    retention = {
        "Awareness": ("Returning-visitor share of sessions", 25, "campaign average"),
        "Leads": ("Nurture-list retention after 30 days", 90, "campaign average"),
        "Sales": (
            (f"New {f.customers} still active after 60 days", 85, "campaign average")
            if f.b2b
            else ("Repeat-purchase rate", 20, f"within {w} weeks")
        ),
        "Hiring": ("New starters still in post after 90 days", 90, "per hire"),
        "Partnerships": (
            "Partner retention after the first project",
            80,
            "per partner",
        ),
    }
    name, target, timeframe = retention.get(
        f.objective, ("Repeat-purchase rate", 20, f"within {w} weeks")
    )
    return _kpi(name, target, "%", timeframe)


# --- the client's goals as KPIs --------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoalKpi:
    """A client goal as a KPI, with how its path to the target is drawn."""

    kpi: KpiData
    rate: bool
    baseline: Decimal | None
    horizon: int | None


_CEILING = {goals.Comparator.UNDER, goals.Comparator.AT_MOST}


def _goal_unit(goal: goals.Goal) -> str:
    if goal.kind in {goals.GoalKind.PERCENT, goals.GoalKind.CHANGE}:
        return "%"
    return goal.unit


def _goal_timeframe(f: Facts, goal: goals.Goal) -> str:
    """The KPI's timeframe: the client's words, or the campaign's end."""
    end = f"by the end of week {f.weeks}"
    average = goal.kind is goals.GoalKind.MONEY and goal.lower_is_better
    average = average or goal.kind is goals.GoalKind.DURATION and goal.lower_is_better
    when = goal.timeframe or ("campaign average" if average else end)
    if timeframe_span(goal.timeframe, f.start).period:
        when = f"{goal.timeframe} {end}"
    if goal.kind is goals.GoalKind.CHANGE:
        more = "more" if goal.rising else "less"
        when = f"{more} than before the campaign, {when}"
    if goal.comparator in _CEILING:
        return f"{budget.CEILING}, {when}"
    if goal.comparator is goals.Comparator.ABOVE:
        return f"or more, {when}"
    return when


def _goal_name(goal: goals.Goal) -> str:
    if goal.kind is goals.GoalKind.CHANGE:
        change = "Increase in" if goal.rising else "Reduction in"
        return f"{change} {text.lower_first(goal.name)}"
    return goal.name


def goal_kpi(f: Facts, goal: goals.Goal) -> GoalKpi:
    """Return the client's goal as a KPI named in the client's words."""
    name, unit = _goal_name(goal), _goal_unit(goal)
    kpi = KpiData(
        name=name,
        target=goal.quantity,
        unit=unit,
        timeframe=_goal_timeframe(f, goal),
        family=kpi_family(name),
    )
    span = timeframe_span(goal.timeframe, f.start)
    horizon = horizon_days(goal.timeframe, f.start, f.weeks)
    per = re.search(r"\bper\b", name, re.IGNORECASE) is not None
    counting = goal.kind is goals.GoalKind.COUNT
    total = (counting and not per and span.period is None) or (
        goal.kind is goals.GoalKind.MONEY and not goal.lower_is_better
    )
    baseline = goal.baseline
    if goal.kind is goals.GoalKind.MULTIPLE:
        baseline = Decimal(1)
    elif goal.kind is goals.GoalKind.CHANGE:
        baseline = Decimal(0)
    return GoalKpi(kpi=kpi, rate=not total, baseline=baseline, horizon=horizon)


def _leads_plan(f: Facts, goal: GoalKpi) -> bool:
    """Whether a client goal counts what the budget buys, so it leads the plan."""
    families = LEAD_FAMILIES.get(f.objective, ("Conversion", "Engagement"))
    kpi = goal.kpi
    return budget.is_count(kpi) and kpi.family in families


def _default_lead(f: Facts) -> tuple[str, str]:
    """The objective's own lead measure: its name and unit."""
    where = f"in {f.place}" if f.city else "in the target market"
    return {
        "Awareness": (f"Unique reach {where}", "people"),
        "Leads": (f"Qualified enquiries for {f.offer_ref}", "leads"),
        "Sales": (f"{text.upper_first(f.offer_short)} orders", "orders"),
        "Hiring": ("Qualified applications", "applications"),
        "Partnerships": ("Partner meetings held", "meetings"),
        "Retention": (f"Lapsed {f.customers} won back", f.customers),
    }[f.objective]


def spend_lines(
    f: Facts, plan: tuple[ChannelPlanData, ...], *, creators: bool
) -> tuple[budget.BudgetLine, ...]:
    """Return every line of spend for the plan's channels (empty without budget)."""
    shares = [(c.channel, c.budget_pct) for c in plan]
    return budget.budget_lines(f, shares, creators=creators)


def _generated(f: Facts, v: Volumes) -> list[KpiData]:
    w, s = f.weeks, budget_scale(f)
    builders = {
        "Awareness": _awareness,
        "Leads": _leads,
        "Sales": _sales,
        "Hiring": _hiring,
        "Partnerships": _partnerships,
        "Retention": _retention,
    }
    return builders[f.objective](f, w, s, v)


def _words(name: str) -> set[str]:
    return set(re.findall(r"[a-z]{5,}", name.lower()))


def _covered(kpi: KpiData, goal_kpis: list[KpiData]) -> bool:
    """Whether a client goal already measures what a generated KPI measures."""
    for goal in goal_kpis:
        ceiling = is_money(goal.unit) and lower_is_better(goal.name)
        if ceiling and is_money(kpi.unit) and "cost" in kpi.name.lower():
            return True
        if "conversion" in goal.name.lower() and "conversion rate" in kpi.name.lower():
            return True
        if goal.unit == kpi.unit and _words(goal.name) & _words(kpi.name):
            return True
    return False


def _lead_funnel(
    f: Facts, lines: tuple[budget.BudgetLine, ...], name: str, unit: str, family: str
) -> budget.Funnel | None:
    stub = KpiData(name=name, target=Decimal(1), unit=unit, timeframe="", family=family)
    return budget.funnel(f, lines, budget.lead_outcome(f, stub))


def _objective_kpis(
    f: Facts,
    lines: tuple[budget.BudgetLine, ...],
    leader: GoalKpi | None,
    goal_result: Decimal | None = None,
) -> tuple[list[KpiData], Volumes]:
    """The objective's own KPIs, built on what the budget buys of its own result.

    When a client goal leads, the objective's lead measure gives way to it (unless
    it is reach, which an awareness plan keeps beside the goal), and the cost KPI
    counts the goal's unit: "Cost per consultation".
    """
    name, unit = _default_lead(f)
    fun = _lead_funnel(f, lines, name, unit, "")
    volumes = _funnel_volumes(fun, lines) if fun else _organic_volumes(f)
    if goal_result is not None:
        # The client's own count of the objective's result ("40 qualified
        # distributor meetings") drives the steps built on it.
        volumes = replace(volumes, results=float(goal_result))
    if leader is not None:
        lead = _lead_funnel(f, lines, leader.kpi.name, leader.kpi.unit,
                            leader.kpi.family)  # fmt: skip
        cost = lead.cost_each if lead else None
        volumes = replace(volumes, cost_each=float(cost) if cost else None)
    own = _generated(f, volumes)
    if leader is not None and unit != "people":
        own = own[1:]
    if leader is not None:
        each = f"Cost per {text.singular(leader.kpi.unit)}"
        own = [replace(k, name=each) if k.name.startswith("Cost per") else k
               for k in own]  # fmt: skip
    return own, volumes


def build_kpis(
    f: Facts,
    plan: tuple[ChannelPlanData, ...] = (),
    *,
    creators: bool = False,
    limit: int = MAX_KPIS,
) -> tuple[KpiData, ...]:
    """Return the plan's KPIs: the lead measure, every numeric client goal, the rest.

    Each numeric desired outcome becomes a KPI named in the client's words
    (:mod:`strategy.generation.goals`). The first KPI is the lead measure, what the
    budget buys: the client's countable goal when there is one, else the objective's
    own result. Volumes come from the arithmetic from budget to result
    (:func:`budget.funnel`), so the plan and its budget table agree. The objective's
    KPIs fill in what the goals leave out, one per funnel family at least, up to
    ``limit`` in all (eight); the client's goals are never dropped. Every KPI carries
    its family, baseline and the values at the campaign's checkpoints
    (``kpis.checkpoint_days``), stored as ``target_30d``, ``target_60d`` and
    ``target_90d``.
    """
    found = [goal_kpi(f, goal) for goal in goals.goals_from(f.outcomes, f.currency)]
    leader = next((g for g in found if _leads_plan(f, g)), None)
    if leader is not None:
        found.remove(leader)
        found.insert(0, leader)
    lines = spend_lines(f, plan, creators=creators)
    same = next(
        (g.kpi.target for g in found if g.kpi.unit == _default_lead(f)[1]), None
    )
    own, volumes = _objective_kpis(f, lines, leader, same)
    goal_kpis = [g.kpi for g in found]
    own = [k for k in own if not _covered(k, goal_kpis)]
    # Without a countable goal, the objective's own result leads: it is what the
    # budget buys, and the arithmetic counts it.
    head = [] if leader is not None or not own else [own.pop(0)]
    kept = len(head) + len(goal_kpis)
    kpis = [*head, *goal_kpis, *own]
    present = {k.family or kpi_family(k.name) for k in kpis}
    added = [
        _family_kpi(f, family, f.weeks, volumes)
        for family in FAMILIES
        if family not in present
    ]
    # Keep the table readable: drop the objective's last KPIs whose family another
    # KPI already covers; never a client goal or the lead measure.
    while len(kpis) + len(added) > limit:
        families = [k.family or kpi_family(k.name) for k in kpis]
        spare = next(
            (
                i
                for i in range(len(kpis) - 1, kept - 1, -1)
                if i > 0 and families.count(families[i]) > 1
            ),
            None,
        )
        if spare is None:
            break
        kpis.pop(spare)
    paths = {g.kpi.name: g for g in found}
    return tuple(_with_path(k, f, paths.get(k.name)) for k in (*kpis, *added))


def _with_path(kpi: KpiData, f: Facts, goal: GoalKpi | None) -> KpiData:
    if goal is None:
        path = kpi_path(name=kpi.name, target=kpi.target, unit=kpi.unit, weeks=f.weeks)
    else:
        path = kpi_path(
            name=kpi.name,
            target=kpi.target,
            unit=kpi.unit,
            weeks=f.weeks,
            rate=goal.rate,
            baseline=goal.baseline,
            horizon_days=goal.horizon,
        )
    return KpiData(
        name=kpi.name,
        target=kpi.target,
        unit=kpi.unit,
        timeframe=kpi.timeframe,
        family=kpi.family or path.family,
        baseline=path.baseline,
        target_30d=path.day_30,
        target_60d=path.day_60,
        target_90d=path.day_90,
    )


def budget_verdict(
    f: Facts,
    plan: tuple[ChannelPlanData, ...],
    kpis: tuple[KpiData, ...],
    *,
    creators: bool,
) -> str:
    """Say what the budget reaches against the lead goal (empty without budget)."""
    lines = spend_lines(f, plan, creators=creators)
    if not kpis or not lines:
        return ""
    fun = budget.funnel(f, lines, budget.lead_outcome(f, kpis[0]))
    if fun is None:
        return ""
    return budget.verdict(f, fun, kpis[0], budget.cost_ceiling(kpis))


def format_target(kpi: KpiData) -> str:
    """Render a KPI target for prose: ``4.0%``, ``3.0x``, ``GBP 12``, ``900 leads``."""
    target = kpi.target
    whole = target == target.to_integral_value()
    number = f"{target:,.0f}" if whole else f"{target:,.2f}".rstrip("0")
    if kpi.unit == "%":
        return f"{number}%"
    if kpi.unit == "x":
        return f"{number}x"
    if re.fullmatch(r"[A-Z]{3}", kpi.unit):
        return f"{kpi.unit} {number}"
    return f"{number} {kpi.unit}"


# --- milestones -----------------------------------------------------------------


def _shortlist(kpis: tuple[KpiData, ...]) -> int:
    """How many partners to approach: the plan's outreach target, or four a meeting."""
    contacted = next((k for k in kpis if k.unit == "organisations"), None)
    if contacted is not None:
        return max(10, int(contacted.target))
    return max(10, int(kpis[0].target) * 4)


def _objective_step(f: Facts, kpis: tuple[KpiData, ...]) -> tuple[str, str]:
    steps = {
        "Awareness": (
            "Flagship content moment",
            f"A flagship video about {f.profile.proof[0]}, "
            + (
                "with paid reach behind it"
                if f.budget is not None
                else "shared by the team and pinned on every profile"
            ),
        ),
        "Leads": (
            "Lead capture live",
            f"Landing page and enquiry form for {f.offer_ref}, with the nurture "
            "emails switched on",
        ),
        "Sales": (
            "Conversion path live",
            f"A page for {f.offer_ref}, purchase tracking and retargeting audiences "
            "ready",
        ),
        "Hiring": (
            "Application path live",
            "Careers page, role descriptions and a five-minute application form",
        ),
        "Partnerships": (
            "Partner shortlist and first outreach",
            f"A shortlist of {_shortlist(kpis)} target partners, each with a "
            "tailored first message",
        ),
        "Retention": (
            "Retention flows live",
            f"Win-back, referral and renewal emails running for existing {f.customers}",
        ),
    }
    return steps[f.objective]


def build_milestones(
    f: Facts, pillars: tuple[PillarData, ...], kpis: tuple[KpiData, ...]
) -> tuple[MilestoneData, ...]:
    """Return dated milestones from week 1 to the last week of the brief.

    Each is due on its week's first working day in the client's country, so none
    falls on a weekend or a public holiday.
    """
    w = f.weeks
    calendar = workdays.calendar_for(f.geo)
    posting = posting_channels(f)
    where = text.join_and(posting) if posting else text.join_and(f.channels)
    lead = kpis[0]
    lever = "budget" if f.budget is not None else "effort"
    candidates: list[tuple[int, str, str]] = [
        (
            1,
            "Kick-off and measurement set-up",
            f"Tracking live on {f.site} (UTM links and conversion events), a baseline "
            f"for {f.in_sentence(lead.name)}, and "
            f"{text.join_and(f.channels)} accounts audited",
        ),
        (
            2,
            "Content launch",
            f"First posts from the '{pillars[0].name}' and '{pillars[1].name}' pillars "
            f"live on {where}, with replies to comments within one working day",
        ),
        (3, *_objective_step(f, kpis)),
    ]
    if w >= 6:
        candidates.append(
            (
                4,
                "First monthly review",
                f"Results against all {len(kpis)} KPIs, with {lever} moved toward the "
                "channels that deliver the lowest cost per result",
            )
        )
    mid = max(6, round(w * 0.6))
    if w >= 8:
        candidates.append(
            (
                mid,
                "Mid-campaign optimisation",
                "Creative refresh for the weakest pillar, winning posts promoted, and "
                f"progress checked against the {format_target(lead)} target",
            )
        )
    for week in range(8, w - 1, 4):
        if abs(week - mid) > 1:
            pillar = pillars[(week // 4) % len(pillars)].name
            candidates.append(
                (
                    week,
                    f"Month {week // 4} review",
                    "KPI report and the next four weeks of content, led by the "
                    f"'{pillar}' pillar",
                )
            )
    candidates.append(
        (
            w,
            "Wrap-up and next-phase plan",
            "Results against every target, lessons by channel, and a recommended plan "
            f"for the weeks after {long_date(f.end)}",
        )
    )
    seen: set[int] = set()
    milestones = []
    for week, title, deliverable in candidates:
        week = min(max(1, week), w)
        if week in seen:
            continue
        seen.add(week)
        milestones.append(
            MilestoneData(
                week=week,
                date=workdays.working_day_in_week(
                    f.start + dt.timedelta(days=7 * (week - 1)), calendar
                ),
                title=title,
                deliverable=text.sentence(deliverable),
            )
        )
    return tuple(sorted(milestones, key=lambda m: m.week))
