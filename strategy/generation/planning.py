"""The numbers side of a strategy: channel budget split, KPIs and milestones."""

import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from aicmo_site.writing import text, workdays
from aicmo_site.writing.facts import Facts, long_date
from aicmo_site.writing.kpis import FAMILIES, kpi_family, kpi_path
from strategy.dto import ChannelPlanData, KpiData, MilestoneData, PillarData
from strategy.generation import profiles

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
}
POSTING_KINDS = frozenset({"social", "video"})
MAX_KPIS = 8
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
    share_word = "of the budget" if f.budget is not None else "of the team's effort"
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


def budget_scale(f: Facts) -> float:
    """Return how far volume targets scale with weekly spend (1.0 at ~USD 1,000)."""
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


def _awareness(f: Facts, w: int, s: float) -> list[KpiData]:
    reach = nice(5000 * w * s)
    where = f"in {f.place}" if f.city else "in the target market"
    return [
        _kpi(f"Unique reach {where}", reach, "people", f"by the end of week {w}"),
        _kpi("Impressions across all channels", nice(float(reach) * 2.6),
             "impressions", f"across {w} weeks"),
        _kpi("Net new followers", nice(45 * w * s), "followers",
             f"by the end of week {w}"),
        _kpi("Engagement rate", 2.5 if f.b2b else 4.0, "%", "average per post"),
        _kpi(f"Website sessions on {f.site}", nice(float(reach) * 0.03), "sessions",
             f"across {w} weeks"),
        _kpi(f"Branded searches for {f.brand}", 25, "%",
             "increase on the four weeks before launch"),
    ]  # fmt: skip


def _leads(f: Facts, w: int, s: float, spend: float | None) -> list[KpiData]:
    leads = nice((4 if f.b2b else 8) * w * s)
    rate = 3.0 if f.b2b else 5.0
    kpis = [
        _kpi(f"Qualified enquiries for {f.offer_ref}", leads, "leads",
             f"by the end of week {w}"),
        _kpi("Landing-page conversion rate", rate, "%", "campaign average"),
        _kpi("Landing-page visits", nice(float(leads) / (rate / 100)), "visits",
             f"across {w} weeks"),
        _kpi("Enquiries that become sales conversations", 30, "%",
             "within 14 days of each enquiry"),
        _kpi("Median first response to an enquiry", 4, "hours", "every enquiry"),
    ]  # fmt: skip
    if spend is not None:
        kpis.append(
            _kpi("Cost per qualified lead", money(spend / float(leads)), f.currency,
                 "campaign average")
        )  # fmt: skip
    else:
        kpis.append(
            _kpi("New email subscribers", nice(float(leads) * 1.5), "subscribers",
                 f"by the end of week {w}")
        )  # fmt: skip
    return kpis


def _sales(f: Facts, w: int, s: float, spend: float | None) -> list[KpiData]:
    orders = nice((3 if f.b2b else 12) * w * s)
    kpis = [
        _kpi(f"{text.upper_first(f.offer_short)} orders", orders, "orders",
             f"by the end of week {w}"),
        _kpi("Website conversion rate", 1.5 if f.b2b else 2.5, "%",
             "campaign average"),
    ]  # fmt: skip
    if spend is not None:
        kpis += [
            _kpi("Revenue attributed to the campaign", nice(spend * 3),
                 f.currency, f"across {w} weeks"),
            _kpi("Return on ad spend", 3.0, "x", "campaign average"),
            _kpi("Cost per acquisition", money(spend / float(orders)), f.currency,
                 "campaign average"),
        ]  # fmt: skip
    else:
        kpis += [
            _kpi(f"Product-page visits for {f.offer_ref}",
                 nice(float(orders) / 0.025), "visits", f"across {w} weeks"),
            _kpi("Repeat-purchase rate", 20, "%", f"within {w} weeks"),
            _kpi("New email subscribers", nice(float(orders) * 2), "subscribers",
                 f"by the end of week {w}"),
        ]  # fmt: skip
    kpis.append(_kpi("Abandoned-basket recovery rate", 10, "%", "campaign average"))
    return kpis


def _hiring(f: Facts, w: int, s: float, spend: float | None) -> list[KpiData]:
    applications = nice(4 * w * s)
    interviews = nice(float(applications) * 0.3)
    kpis = [
        _kpi("Qualified applications", applications, "applications",
             f"by the end of week {w}"),
        _kpi("Careers-page visits", nice(float(applications) / 0.06), "visits",
             f"across {w} weeks"),
        _kpi("Application completion rate", 60, "%", "campaign average"),
        _kpi("Interviews held", interviews, "interviews", f"by the end of week {w}"),
        _kpi("Hires", max(1, round(float(interviews) * 0.2)), "hires",
             f"offers accepted by week {w}"),
    ]  # fmt: skip
    if spend is not None:
        kpis.append(
            _kpi("Cost per qualified applicant", money(spend / float(applications)),
                 f.currency, "campaign average")
        )  # fmt: skip
    else:
        kpis.append(
            _kpi("Time to first reply to an applicant", 2, "working days",
                 "every application")
        )  # fmt: skip
    return kpis


def _partnerships(f: Facts, w: int, s: float) -> list[KpiData]:
    contacted = nice(8 * w * s)
    meetings = max(1, round(float(contacted) * 0.15))
    proposals = max(1, round(meetings * 0.5))
    return [
        _kpi("Target partners contacted", contacted, "organisations",
             f"by the end of week {w}"),
        _kpi("Outreach reply rate", 25, "%", "campaign average"),
        _kpi("Partner meetings held", meetings, "meetings", f"by the end of week {w}"),
        _kpi("Partnership proposals sent", proposals, "proposals",
             f"by the end of week {w}"),
        _kpi("Signed partners", max(1, round(proposals * 0.4)), "partners",
             f"agreements signed by week {w}"),
        _kpi("Co-marketing reach", nice(3000 * w * s), "people", f"across {w} weeks"),
    ]  # fmt: skip


def _retention(f: Facts, w: int, s: float) -> list[KpiData]:
    return [
        _kpi("Renewal rate" if f.b2b else "Repeat-purchase rate",
             90 if f.b2b else 35, "%", f"by the end of week {w}"),
        _kpi("Monthly churn rate", 2 if f.b2b else 3, "%", "at or below, each month"),
        _kpi("Email open rate", 40, "%", "average per send"),
        _kpi(f"Referrals from existing {f.customers}", nice(3 * w * s), "referrals",
             f"across {w} weeks"),
        _kpi(f"Lapsed {f.customers} won back", nice(5 * w * s), f.customers,
             f"across {w} weeks"),
        _kpi("Net Promoter Score", 50, "points", "end-of-campaign survey"),
    ]  # fmt: skip


def _family_kpi(f: Facts, family: str, w: int, s: float) -> KpiData:
    """Return a KPI that covers ``family`` for a plan whose objective lacks one."""
    where = f"in {f.place}" if f.city else "in the target market"
    if family == "Awareness":
        return _kpi(f"Unique reach {where}", nice(2500 * w * s), "people",
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
            return _kpi("Sign-ups from referral links", nice(2 * w * s), "sign-ups",
                        f"across {w} weeks")  # fmt: skip
        return _kpi(f"Newsletter sign-ups from {f.site}", nice(30 * w * s), "sign-ups",
                    f"across {w} weeks")  # fmt: skip
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


def _with_path(kpi: KpiData, weeks: int) -> KpiData:
    path = kpi_path(name=kpi.name, target=kpi.target, unit=kpi.unit, weeks=weeks)
    return KpiData(
        name=kpi.name,
        target=kpi.target,
        unit=kpi.unit,
        timeframe=kpi.timeframe,
        family=path.family,
        baseline=path.baseline,
        target_30d=path.day_30,
        target_60d=path.day_60,
        target_90d=path.day_90,
    )


def build_kpis(f: Facts) -> tuple[KpiData, ...]:
    """Return five to eight KPIs for the objective, covering the whole funnel.

    The objective's own KPIs come first (the first is the lead measure); a KPI is
    added for each funnel family (awareness, engagement, conversion, retention) they
    leave out. Every KPI carries its family, its baseline and its values at the
    campaign's three checkpoints (``kpis.checkpoint_days``: day 30, a later review and
    the last day), stored as ``target_30d``, ``target_60d`` and ``target_90d``.
    """
    w, s = f.weeks, budget_scale(f)
    # Assume about 80% of the budget is media spend; the rest pays for production.
    spend = float(f.budget) * 0.8 if f.budget is not None else None
    builders = {
        "Awareness": lambda: _awareness(f, w, s),
        "Leads": lambda: _leads(f, w, s, spend),
        "Sales": lambda: _sales(f, w, s, spend),
        "Hiring": lambda: _hiring(f, w, s, spend),
        "Partnerships": lambda: _partnerships(f, w, s),
        "Retention": lambda: _retention(f, w, s),
    }
    kpis = list(builders[f.objective]())
    present = {kpi_family(k.name) for k in kpis}
    added = [
        _family_kpi(f, family, w, s) for family in FAMILIES if family not in present
    ]
    # Keep the table readable: drop the objective's last KPIs whose family another
    # KPI already covers, never the lead measure.
    while len(kpis) + len(added) > MAX_KPIS:
        families = [kpi_family(k.name) for k in kpis]
        spare = next(
            (i for i in range(len(kpis) - 1, 0, -1) if families.count(families[i]) > 1),
            None,
        )
        if spare is None:
            break
        kpis.pop(spare)
    return tuple(_with_path(k, w) for k in (*kpis, *added))


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
            f"A shortlist of {max(10, int(kpis[0].target))} target partners, each "
            "with a tailored first message",
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
