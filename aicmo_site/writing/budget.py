"""Budget arithmetic both apps share: the lines of spend and what each one buys.

A brief's budget splits into lines that sum to it exactly (:func:`budget_lines`):
one per funded channel, a creator pool in packs with an influencer strategy
(:func:`creator_pool`), and production and tools. Each funded line then turns spend
into a result through stated planning rates (:func:`funnel`): media bought at a cost
per thousand impressions (CPM) or per click (CPC) becomes visits, and visits become
the lead measure at a stated conversion rate; owned channels (email, messaging) follow
up the visitors the paid lines bring. :func:`verdict` compares the result with the
client's goal and says plainly when the budget falls short, and by how much.

Rates are planning benchmarks in US dollars, converted with :data:`USD_RATES`; the
plan states each one, so the client can challenge it and the week-1 set-up replaces
it with measured values.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Protocol

from aicmo_site.kernel import briefs
from aicmo_site.writing import text, vocab
from aicmo_site.writing.facts import Facts
from aicmo_site.writing.kpis import (
    PERIOD_DAYS,
    horizon_days,
    is_money,
    is_rate,
    is_time,
    kpi_family,
    lower_is_better,
    timeframe_span,
)

# Shares of the whole budget set aside before the channels are funded.
CREATOR_SHARE = Decimal("0.10")
PRODUCTION_SHARE = Decimal("0.15")
# The section that makes creators part of a pack, and so a line of spend.
CREATOR_SECTION = "influencer_strategy"
CREATOR_LINE = "Creator pool"
PRODUCTION_LINE = "Production and tools"
# How often the same person sees a paid campaign: reach is impressions / frequency.
FREQUENCY = 3
# Of the people an awareness campaign reaches, the share who act on it.
ACT_RATE = Decimal("0.01")
# Of first conversations (meetings, enquiries), the share that end in a signature.
CLOSE_RATE = Decimal("0.25")
_CLOSING = ("signed", "contract", "agreement", "paying", "hired", "hires")
_FIRST_STEPS = ("meeting", "enquir", "inquir", "call", "conversation", "lead")

# Rough planning rates to US dollars, used to state rates in the brief's currency.
USD_RATES = {
    "USD": 1.0,
    "EUR": 1.08,
    "GBP": 1.27,
    "CHF": 1.13,
    "CAD": 0.73,
    "AUD": 0.66,
    "NZD": 0.60,
    "SGD": 0.74,
    "HKD": 0.13,
    "JPY": 0.0067,
    "CNY": 0.14,
    "INR": 0.012,
    "AED": 0.27,
    "SAR": 0.27,
    "ZAR": 0.055,
    "BRL": 0.18,
    "MXN": 0.055,
    "SEK": 0.095,
    "NOK": 0.093,
    "DKK": 0.145,
    "PLN": 0.25,
    "CZK": 0.043,
    "HUF": 0.0027,
    "TRY": 0.03,
    "ILS": 0.27,
    "KRW": 0.00073,
    "THB": 0.028,
    "MYR": 0.22,
    "PHP": 0.017,
    "IDR": 0.000063,
    "VND": 0.00004,
    "NGN": 0.00065,
    "KES": 0.0077,
    "EGP": 0.02,
    "PKR": 0.0036,
    "BDT": 0.0084,
    "ARS": 0.001,
    "CLP": 0.001,
    "COP": 0.00025,
    "PEN": 0.27,
}

# What a line buys.
IMPRESSIONS = "impressions"
CLICKS = "clicks"
FOLLOW_UPS = "follow-ups"
ATTENDEES = "attendees"
COPIES = "copies"
VISITS = "visits"


@dataclass(frozen=True, slots=True, kw_only=True)
class ChannelRates:
    """What spend buys on a channel and how it turns into results.

    ``cost_usd`` is per 1,000 impressions or copies, per click, per attendee or per
    visit (``buys``); for owned channels (:data:`FOLLOW_UPS`) it is the cost per
    contact kept in touch with for the campaign. ``response`` turns what is bought
    into visits (click-through, or the share of attendees who talk to the team);
    for owned channels it is the share of paid visitors who join the list, and
    ``list_click`` the share of existing contacts who click. ``intent`` multiplies
    the objective's conversion rate: a searcher or a subscriber is readier to act
    than a scroller.
    """

    buys: str
    cost_usd: Decimal
    response: Decimal
    intent: Decimal = Decimal(1)
    b2b_cost: Decimal = Decimal(1)
    list_click: Decimal = Decimal(0)


def _rates(
    buys: str, cost: str, response: str, intent: str = "1", **more: str
) -> ChannelRates:
    extra = {key: Decimal(value) for key, value in more.items()}
    return ChannelRates(
        buys=buys,
        cost_usd=Decimal(cost),
        response=Decimal(response),
        intent=Decimal(intent),
        **extra,
    )


# Planning benchmarks per channel family (mid-market paid media, 2024-25).
RATES: dict[str, ChannelRates] = {
    "instagram": _rates(IMPRESSIONS, "8", "0.009"),
    "facebook": _rates(IMPRESSIONS, "9", "0.011"),
    "linkedin": _rates(IMPRESSIONS, "33", "0.005", "1.2"),
    "tiktok": _rates(IMPRESSIONS, "6", "0.008", "0.8"),
    "x": _rates(IMPRESSIONS, "6", "0.006", "0.7"),
    "youtube": _rates(IMPRESSIONS, "10", "0.005", "0.9"),
    "pinterest": _rates(IMPRESSIONS, "5", "0.006", "0.9"),
    "threads": _rates(IMPRESSIONS, "7", "0.006", "0.8"),
    "nextdoor": _rates(IMPRESSIONS, "10", "0.006", "1.1"),
    "podcast": _rates(IMPRESSIONS, "25", "0.003", "1.2"),
    "search": _rates(CLICKS, "1.6", "1", "1.5", b2b_cost="2.5"),
    "seo": _rates(VISITS, "4", "1", "1.1"),
    "email": _rates(FOLLOW_UPS, "1.5", "0.05", "3", list_click="0.15"),
    "messaging": _rates(FOLLOW_UPS, "2", "0.03", "4", list_click="0.25"),
    "sms": _rates(FOLLOW_UPS, "1.2", "0.04", "3", list_click="0.12"),
    "events": _rates(ATTENDEES, "40", "0.3"),
    "print": _rates(COPIES, "150", "0.005"),
}
CREATOR_RATES = _rates(IMPRESSIONS, "25", "0.008")
GENERIC_RATES = _rates(IMPRESSIONS, "10", "0.007")

# The conversion rate from a visit to the objective's result, for consumer and
# business buyers; awareness counts people reached, and acts on ACT_RATE of them.
VISIT_RATE = {
    "Awareness": (Decimal("0.03"), Decimal("0.03")),
    "Leads": (Decimal("0.04"), Decimal("0.02")),
    "Sales": (Decimal("0.025"), Decimal("0.01")),
    "Hiring": (Decimal("0.05"), Decimal("0.05")),
    "Partnerships": (Decimal("0.01"), Decimal("0.01")),
    "Retention": (Decimal("0.04"), Decimal("0.04")),
}

# Of the people who talk to the team at an event, the share who become the
# objective's first result (a face-to-face conversation converts far better than a
# visit); a signature converts at CLOSE_RATE of that.
EVENT_RATE = {
    "Awareness": Decimal("0.1"),
    "Leads": Decimal("0.25"),
    "Sales": Decimal("0.15"),
    "Hiring": Decimal("0.3"),
    "Partnerships": Decimal("0.2"),
    "Retention": Decimal("0.3"),
}

# Channels the brief names on their own, ahead of the broader family: SMS is
# messaging to vocab, but it is bought and read differently from WhatsApp.
_OWN_KEYS = {
    "SMS": "sms",
    "Print": "print",
    "Podcast": "podcast",
    "Nextdoor": "nextdoor",
    "Events": "events",
}


def channel_key(name: str) -> str | None:
    """Return the planning key of a channel in any spelling; None for an unknown one.

    ``"Google Ads"`` is ``"search"``, ``"text messages"`` is ``"sms"``.
    """
    own = _OWN_KEYS.get(briefs.channel_name(name) or "")
    return own or vocab.channel_family(name)


def channel_rates(name: str) -> ChannelRates:
    """Return the stated rates for a channel (generic paid-social ones if unknown)."""
    return RATES.get(channel_key(name) or "", GENERIC_RATES)


# --- lines of spend -------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class BudgetLine:
    """One line of spend: a channel, the creator pool, or production and tools."""

    name: str
    kind: str
    amount: Decimal
    channel_pct: int | None = None


def _quantum(budget: Decimal) -> Decimal:
    return Decimal(1) if budget == budget.to_integral_value() else Decimal("0.01")


def _part(budget: Decimal, share: Decimal) -> Decimal:
    return (budget * share).quantize(_quantum(budget), ROUND_HALF_UP)


def creator_pool(f: Facts) -> Decimal | None:
    """Return the creator pool: about 10% of the budget, None without a budget."""
    if f.budget is None:
        return None
    return _part(f.budget, CREATOR_SHARE)


def production_budget(f: Facts) -> Decimal | None:
    """Return what production and tools take: 15% of the budget."""
    if f.budget is None:
        return None
    return _part(f.budget, PRODUCTION_SHARE)


def has_creators(sections: Sequence[str]) -> bool:
    """Return whether a pack with these section keys funds a creator pool."""
    return CREATOR_SECTION in sections


def _split(total: Decimal, shares: Sequence[int]) -> list[Decimal]:
    """Split ``total`` by whole-percent ``shares`` so the parts sum to it exactly."""
    quantum = _quantum(total)
    weight = sum(shares) or 1
    raw = [total * share / weight for share in shares]
    parts = [value.quantize(quantum, ROUND_FLOOR) for value in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    spare = total - sum(parts, Decimal(0))
    for index in order:
        if spare < quantum:
            break
        parts[index] += quantum
        spare -= quantum
    return parts


def budget_lines(
    f: Facts, shares: Sequence[tuple[str, int]], *, creators: bool
) -> tuple[BudgetLine, ...]:
    """Return every line of spend, summing exactly to the brief's budget.

    ``shares`` are the channel plan's (channel, percent of channel spend). The
    creator pool and production come off the top; the channels share the rest.
    Without a budget there are no lines.
    """
    if f.budget is None:
        return ()
    pool = creator_pool(f) if creators else Decimal(0)
    production = production_budget(f) or Decimal(0)
    channel_total = f.budget - (pool or Decimal(0)) - production
    amounts = _split(channel_total, [pct for _, pct in shares])
    lines = [
        BudgetLine(name=name, kind="channel", amount=amount, channel_pct=pct)
        for (name, pct), amount in zip(shares, amounts, strict=True)
    ]
    if creators and pool:
        lines.append(BudgetLine(name=CREATOR_LINE, kind="creators", amount=pool))
    lines.append(BudgetLine(name=PRODUCTION_LINE, kind="production", amount=production))
    return tuple(lines)


def line_purpose(line: BudgetLine) -> str:
    """Say what a line of spend pays for, for the budget table."""
    if line.kind == "creators":
        return "Creator fees and product"
    if line.kind == "production":
        return "Design, video, copy and tracking"
    rates = channel_rates(line.name)
    return {
        IMPRESSIONS: "Paid media, bought per 1,000 impressions",
        CLICKS: "Paid clicks",
        FOLLOW_UPS: "Platform, flows and design for the list",
        ATTENDEES: "Stands, venues and materials",
        COPIES: "Printing and distribution",
        VISITS: "Articles and search optimisation",
    }[rates.buys]


# --- from spend to result -------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    """What the arithmetic counts: the plan's lead measure, in its own unit.

    ``basis`` is ``visits`` (a share of visits converts), ``act`` (a share of the
    people reached acts: awareness with a conversion goal) or ``reach`` (the result
    is the people reached). ``rate`` is the stated conversion rate from a visit.
    """

    noun: str
    basis: str
    rate: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class FunnelLine:
    """One funded line: its spend, what it buys, the visits and the results."""

    name: str
    spend: Decimal
    rates: ChannelRates
    unit_cost: Decimal
    bought: int
    people: int
    visits: int
    rate: Decimal
    results: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class Funnel:
    """The arithmetic from budget to result for every funded line."""

    outcome: Outcome
    currency: str
    budget: Decimal
    lines: tuple[FunnelLine, ...]

    @property
    def results(self) -> Decimal:
        """The results of every line, in the outcome's unit."""
        return sum((line.results for line in self.lines), Decimal(0))

    @property
    def visits(self) -> int:
        """Visits (or conversations) across the lines."""
        return sum(line.visits for line in self.lines)

    @property
    def people(self) -> int:
        """People reached across the paid lines (counted once per line)."""
        return sum(line.people for line in self.lines)

    @property
    def impressions(self) -> int:
        """Impressions bought across the paid lines."""
        return sum(line.bought for line in self.lines if line.rates.buys == IMPRESSIONS)

    @property
    def cost_each(self) -> Decimal | None:
        """The all-in cost of one result: the whole budget over every result."""
        results = self.results
        return self.budget / results if results > 0 else None


def outcome_for(f: Facts, *, noun: str, unit: str, name: str, family: str) -> Outcome:
    """Return how the lead measure is counted from spend, with its stated rate.

    Awareness counts people reached, or acts on a share of them when the lead
    measure is a consumer action (a jab, a booking). Every other objective converts
    a share of visits. A result that closes a deal ("signed distributors", "new
    paying workspaces") converts at the close rate of the first conversations,
    whatever the objective: reaching someone is never a signature.
    """
    consumer, business = VISIT_RATE[f.objective]
    rate = business if f.b2b else consumer
    lower = name.lower()
    closing = any(word in lower for word in _CLOSING)
    if f.objective == "Partnerships":
        # The visit rate counts first conversations; anything else is a signature.
        closing = not any(word in lower for word in _FIRST_STEPS)
    if f.objective == "Awareness" and not closing:
        if unit == "people" or family == "Awareness":
            return Outcome(noun=noun, basis="reach", rate=rate)
        return Outcome(noun=noun, basis="act", rate=rate)
    if closing:
        # A signature follows a first conversation: a share of the visits.
        rate *= CLOSE_RATE
    return Outcome(noun=noun, basis="visits", rate=rate)


def _closing_share(f: Facts, outcome: Outcome) -> Decimal:
    """How much of the objective's first result the outcome keeps (1, or a close)."""
    consumer, business = VISIT_RATE[f.objective]
    base = business if f.b2b else consumer
    return outcome.rate / base if base else Decimal(1)


def _usd(f: Facts) -> Decimal:
    return Decimal(str(USD_RATES.get(f.currency, 1.0)))


def _unit_cost(f: Facts, rates: ChannelRates) -> Decimal:
    cost = rates.cost_usd * (rates.b2b_cost if f.b2b else Decimal(1)) / _usd(f)
    places = Decimal("0.01") if cost < 20 else Decimal(1)
    return cost.quantize(places, ROUND_HALF_UP)


def _whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


def _paid_line(
    f: Facts, name: str, spend: Decimal, rates: ChannelRates, outcome: Outcome
) -> FunnelLine:
    unit_cost = _unit_cost(f, rates)
    per = Decimal(1000) if rates.buys in {IMPRESSIONS, COPIES} else Decimal(1)
    bought = _whole(spend / unit_cost * per) if unit_cost > 0 else 0
    if rates.buys == IMPRESSIONS:
        people = bought // FREQUENCY
    elif rates.buys == COPIES:
        people = bought
    else:
        people = bought
    visits = (
        bought if rates.buys in {CLICKS, VISITS} else _whole(bought * rates.response)
    )
    rate = outcome.rate * rates.intent
    if rates.buys == ATTENDEES:
        rate = EVENT_RATE[f.objective] * _closing_share(f, outcome)
    if outcome.basis == "reach":
        rate, results = Decimal(0), Decimal(people)
    elif outcome.basis == "act" and rates.buys in {IMPRESSIONS, COPIES}:
        rate = ACT_RATE
        results = people * rate
    else:
        results = visits * rate
    return FunnelLine(
        name=name,
        spend=spend,
        rates=rates,
        unit_cost=unit_cost,
        bought=bought,
        people=people,
        visits=visits,
        rate=rate,
        results=results,
    )


def _owned_line(
    f: Facts,
    name: str,
    spend: Decimal,
    rates: ChannelRates,
    outcome: Outcome,
    paid: Sequence[FunnelLine],
) -> FunnelLine:
    """An owned channel: it follows up paid visitors, or existing contacts."""
    unit_cost = _unit_cost(f, rates)
    rate = outcome.rate * rates.intent
    if f.objective == "Retention":
        contacts = _whole(spend / unit_cost) if unit_cost > 0 else 0
        visits = _whole(contacts * rates.list_click)
        results = Decimal(0) if outcome.basis == "reach" else visits * rate
        return FunnelLine(
            name=name,
            spend=spend,
            rates=rates,
            unit_cost=unit_cost,
            bought=contacts,
            people=0,
            visits=visits,
            rate=rate if outcome.basis != "reach" else Decimal(0),
            results=results,
        )
    converted = sum((line.results for line in paid), Decimal(0))
    if outcome.basis == "reach":
        converted = Decimal(0)
    unconverted = max(Decimal(0), sum(line.visits for line in paid) - converted)
    joins = _whole(unconverted * rates.response)
    results = Decimal(0) if outcome.basis == "reach" else joins * rate
    return FunnelLine(
        name=name,
        spend=spend,
        rates=rates,
        unit_cost=unit_cost,
        bought=joins,
        people=0,
        visits=0,
        rate=rate if outcome.basis != "reach" else Decimal(0),
        results=results,
    )


def funnel(f: Facts, lines: Sequence[BudgetLine], outcome: Outcome) -> Funnel | None:
    """Return the arithmetic from each funded line to the outcome; None without one.

    Paid lines come first: spend over the unit cost is what they buy, the response
    rate turns it into visits, and the conversion rate into results. Owned channels
    then convert the paid visitors who join their list (or, for retention, the
    existing contacts they keep in touch with).
    """
    if f.budget is None or not lines:
        return None
    funded = [line for line in lines if line.kind != "production"]
    paid: list[FunnelLine] = []
    owned: list[tuple[BudgetLine, ChannelRates]] = []
    for line in funded:
        rates = CREATOR_RATES if line.kind == "creators" else channel_rates(line.name)
        if rates.buys == FOLLOW_UPS:
            owned.append((line, rates))
        else:
            paid.append(_paid_line(f, line.name, line.amount, rates, outcome))
    follow = [
        _owned_line(f, line.name, line.amount, rates, outcome, paid)
        for line, rates in owned
    ]
    by_name = {line.name: line for line in (*paid, *follow)}
    ordered = tuple(by_name[line.name] for line in funded)
    return Funnel(outcome=outcome, currency=f.currency, budget=f.budget, lines=ordered)


# --- reading the lead measure and the cost ceiling ------------------------------


class KpiLike(Protocol):
    """The parts of a KPI the arithmetic reads (strategy's and production's)."""

    @property
    def name(self) -> str: ...  # noqa: D102

    @property
    def target(self) -> Decimal: ...  # noqa: D102

    @property
    def unit(self) -> str: ...  # noqa: D102

    @property
    def timeframe(self) -> str: ...  # noqa: D102

    @property
    def family(self) -> str: ...  # noqa: D102


# A client's ceiling reads "GBP 35 or less": the timeframe starts with these words.
CEILING = "or less"


def is_count(kpi: KpiLike) -> bool:
    """Return whether a KPI counts results (not a rate, a sum of money or a time)."""
    rate = is_rate(kpi.name, kpi.unit) and "per" not in kpi.name.lower().split()
    return not (is_money(kpi.unit) or is_time(kpi.unit) or rate)


def lead_outcome(f: Facts, lead: KpiLike) -> Outcome:
    """Return how the arithmetic counts the plan's lead measure (its first KPI).

    A lead measure that is not a count (a legacy plan led by a rate) leaves the
    arithmetic counting people reached.
    """
    if not is_count(lead):
        return Outcome(noun="people", basis="reach", rate=Decimal(0))
    family = lead.family or kpi_family(lead.name)
    return outcome_for(f, noun=lead.unit, unit=lead.unit, name=lead.name, family=family)


def cost_ceiling(kpis: Sequence[KpiLike]) -> KpiLike | None:
    """Return the client's cost ceiling ("CAC under GBP 35"), if the plan has one."""
    for kpi in kpis:
        ceiling = kpi.timeframe.startswith(CEILING)
        if is_money(kpi.unit) and lower_is_better(kpi.name) and ceiling:
            return kpi
    return None


def money_text(value: Decimal, currency: str) -> str:
    """Render an amount: cents below 20, whole units above (``GBP 6.30``)."""
    if value < 20:
        return f"{currency} {value.quantize(Decimal('0.01'), ROUND_HALF_UP):,}"
    return f"{currency} {value.quantize(Decimal(1), ROUND_HALF_UP):,}"


def about(value: Decimal | float) -> Decimal:
    """Round a planning figure to two significant figures (whole below 100)."""
    number = float(value)
    if number < 100:
        return Decimal(max(0, round(number)))
    step = 10 ** (math.floor(math.log10(number)) - 1)
    return Decimal(round(number / step) * step)


def count_text(value: Decimal | float, noun: str) -> str:
    """Render a planning count with its noun: ``about 230 subscribers``.

    A count that rounds to nothing is ``fewer than one subscriber``; one is
    ``about 1 subscriber``.
    """
    number = about(value)
    if float(value) > 0 and number == 0:
        return f"fewer than one {text.singular(noun)}"
    if number == 1:
        return f"about 1 {text.singular(noun)}"
    return f"about {number:,} {noun}"


def _share_text(value: Decimal) -> str:
    """A pro rata share of a goal, without its noun: ``about 120``."""
    number = about(value)
    if value > 0 and number == 0:
        return "fewer than one"
    return f"about {number:,}"


def period_text(days: int) -> str:
    """Render a goal's period: ``a week``, ``a month``, ``every 14 days``."""
    for name, length in PERIOD_DAYS.items():
        if length == days:
            return f"a {name}"
    return f"every {days} days"


def _times(ratio: Decimal) -> str:
    """Render a multiple: ``1.9 times``, ``13 times``, never ``13.0``."""
    value = ratio.quantize(Decimal("0.1"), ROUND_HALF_UP)
    if value == value.to_integral_value():
        value = value.to_integral_value()
    return f"{value} times"


def percent_text(rate: Decimal) -> str:
    """Render a rate stored as a share: ``Decimal('0.025')`` is ``2.5%``.

    One decimal place from 1% up, two below it (``0.25%``).
    """
    places = Decimal("0.1") if rate >= Decimal("0.01") else Decimal("0.01")
    value = (rate * 100).quantize(places, ROUND_HALF_UP)
    for shorter in (Decimal(1), Decimal("0.1")):
        if value == value.quantize(shorter):
            value = value.quantize(shorter)
            break
    return f"{value:f}%"


@dataclass(frozen=True, slots=True)
class _Need:
    """What the campaign must deliver of the lead goal, and how the goal reads."""

    quantity: Decimal
    words: str
    period: int | None


def _need(kpi: KpiLike, f: Facts) -> _Need:
    """Read the lead goal against the campaign: a monthly rate, or a longer window.

    "60 consultations per month" is a rate: the campaign's results count per month.
    "12 signed distributors within 12 months" runs past the campaign: its share is
    the campaign's days over the window's (a planning pro rata).
    """
    span = timeframe_span(kpi.timeframe, f.start)
    days = f.weeks * 7
    target = f"{kpi.target:,}"
    if span.period:
        return _Need(kpi.target, f"{target} {period_text(span.period)}", span.period)
    horizon = horizon_days(kpi.timeframe, f.start, f.weeks)
    if horizon and horizon > days:
        share = kpi.target * Decimal(days) / Decimal(horizon)
        when = kpi.timeframe.split(",")[-1].strip()
        words = (
            f"{target} {when} ({_share_text(share)} in the campaign's "
            f"{text.plural(f.weeks, 'week')})"
        )
        return _Need(share, words, None)
    return _Need(kpi.target, target, None)


def verdict(f: Facts, fun: Funnel, lead: KpiLike, ceiling: KpiLike | None) -> str:
    """Say what the budget reaches against the lead goal and the cost ceiling.

    Plain words, with numbers: what the budget reaches and at what cost each; when it
    falls short, the budget the goal needs at the same rates, or the conversion rate
    it needs instead of the stated one.
    """
    if fun.outcome.basis == "reach" or not is_count(lead):
        return (
            f"The {money_text(fun.budget, f.currency)} budget reaches "
            f"{count_text(fun.people, 'people')}, each channel counted on its own."
        )
    need = _need(lead, f)
    reached = fun.results
    if need.period:
        reached = reached * need.period / (f.weeks * 7)
    per = f" {period_text(need.period)}" if need.period else ""
    cost = fun.cost_each
    each = f" at {money_text(cost, f.currency)} each, all in" if cost else ""
    opening = f"The budget reaches {count_text(reached, lead.unit)}{per}{each}"
    thing = _per_other(lead.name)
    if thing:
        covered = about(reached / lead.target) if lead.target else Decimal(0)
        many = thing if covered == 1 else _many(thing)
        sentences = [
            f"{opening}: at {lead.target:,} per {thing}, enough for about "
            f"{covered:,} {many}."
        ]
    elif about(reached) == lead.target and not need.period:
        # The plan set its own target at what the budget reaches.
        sentences = [f"{opening}: the plan's target."]
    elif reached >= need.quantity and about(reached) >= 1:
        # Fewer than one result meets no target, however small its share.
        sentences = [f"{opening}, which meets the target of {need.words}."]
    else:
        sentences = [f"{opening}.", _shortfall(f, fun, need, reached, lead.unit)]
    if ceiling is not None and cost is not None:
        cap = money_text(ceiling.target, ceiling.unit)
        if cost <= ceiling.target:
            sentences.append(f"That is under the {cap} ceiling.")
        else:
            sentences.append(
                f"That is above the {cap} ceiling, which needs conversion rates "
                f"{_times(cost / ceiling.target)} those stated."
            )
    return " ".join(sentences)


# Past this multiple of the stated rate, a "needed" conversion rate is no plan.
RATE_STRETCH = Decimal(3)


def _shortfall(f: Facts, fun: Funnel, need: _Need, reached: Decimal, unit: str) -> str:
    """What closes the gap: the budget at the same rates, or a higher rate.

    A goal whose share of the campaign is under one result needs a first one. A
    rate more than :data:`RATE_STRETCH` times the stated one is not offered.
    """
    if reached <= 0:
        return f"That is none of the target of {need.words}."
    first = need.quantity < 1
    factor = (Decimal(1) if first else need.quantity) / reached
    budget = money_text(about(fun.budget * factor), f.currency)
    goal = f"The target of {need.words} needs"
    if first:
        goal = (
            f"The target of {need.words} starts with a first "
            f"{text.singular(unit)}, which needs"
        )
    if factor > RATE_STRETCH:
        return f"{goal} about {budget} at the stated rates."
    if fun.outcome.basis == "act":
        stated, raised = percent_text(ACT_RATE), percent_text(ACT_RATE * factor)
        rate = f"{raised} of the people reached acting instead of {stated}"
    else:
        stated = percent_text(fun.outcome.rate)
        raised = percent_text(fun.outcome.rate * factor)
        rate = f"a conversion rate of {raised} instead of {stated}"
    return f"{goal} about {budget}, or {rate}."


def _per_other(name: str) -> str | None:
    """Return "open role" from "Qualified applicants per open role"."""
    lower = name.lower()
    if " per " not in lower:
        return None
    return lower.split(" per ", 1)[1]


def _many(noun: str) -> str:
    """A singular noun phrase in the plural: "open role" is "open roles"."""
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def rates_text(line: FunnelLine, outcome: Outcome, currency: str) -> str:
    """State a line's rates: ``CPM GBP 6.30, CTR 0.9%, CVR 2.5%``."""
    rates, cost = line.rates, money_text(line.unit_cost, currency)
    convert = f"CVR {percent_text(line.rate)}"
    if rates.buys == IMPRESSIONS:
        bought = f"CPM {cost}"
        if outcome.basis == "reach":
            return bought
        if outcome.basis == "act":
            return f"{bought}, {percent_text(line.rate)} act"
        return f"{bought}, CTR {percent_text(rates.response)}, {convert}"
    if rates.buys == COPIES:
        respond = f"{percent_text(rates.response)} respond"
        if outcome.basis == "reach":
            return f"{cost} per 1,000 copies"
        if outcome.basis == "act":
            return f"{cost} per 1,000 copies, {percent_text(line.rate)} act"
        return f"{cost} per 1,000 copies, {respond}, {convert}"
    if rates.buys == CLICKS:
        return f"CPC {cost}, {convert}"
    if rates.buys == VISITS:
        return f"{cost} a visit, {convert}"
    if rates.buys == ATTENDEES:
        talk = percent_text(rates.response)
        return f"{cost} an attendee, {talk} talk to the team, {convert}"
    if line.visits:
        click = percent_text(rates.list_click)
        return f"{cost} a contact, CTR {click}, {convert}"
    return f"{percent_text(rates.response)} of visitors join, {convert}"


def reach_text(line: FunnelLine, outcome: Outcome) -> str:
    """What a line reaches or buys: ``140,000 people``, ``2,800 clicks``."""
    buys = line.rates.buys
    if buys == IMPRESSIONS:
        if outcome.basis == "reach":
            return f"{about(line.bought):,}"
        return f"{about(line.people):,} people"
    if buys == FOLLOW_UPS:
        listed = "contacts" if line.visits else "sign-ups"
        return f"{about(line.bought):,} {listed}"
    nouns = {
        CLICKS: "clicks",
        VISITS: "visits",
        ATTENDEES: "attendees",
        COPIES: "copies",
    }
    return f"{about(line.bought):,} {nouns[buys]}"


def _count(value: Decimal) -> str:
    number = about(value)
    return "under 1" if value > 0 and number == 0 else f"{number:,}"


def result_text(line: FunnelLine, outcome: Outcome) -> str:
    """A line's result in the outcome's unit (the column names it): ``96``."""
    if outcome.basis == "reach":
        return f"{about(line.people):,}" if line.people else "n/a"
    return _count(line.results)


def cost_text(line: FunnelLine, outcome: Outcome, currency: str) -> str:
    """The line's cost per result (per 1,000 people reached for awareness)."""
    if outcome.basis == "reach":
        if not line.people:
            return "n/a"
        return money_text(line.spend * 1000 / line.people, currency)
    if line.results <= 0:
        return "n/a"
    return money_text(line.spend / line.results, currency)


def funnel_header(fun: Funnel) -> tuple[str, ...]:
    """The budget table's header, naming the result it counts."""
    if fun.outcome.basis == "reach":
        return ("Line", "Spend", "Stated rates", "Impressions", "People reached",
                "Cost per 1,000 reached")  # fmt: skip
    result = text.upper_first(fun.outcome.noun)
    return ("Line", "Spend", "Stated rates", "Reach or clicks", result, "Cost each")


def funnel_rows(fun: Funnel, lines: Sequence[BudgetLine]) -> list[tuple[str, ...]]:
    """The budget table's rows: every line of spend, what it buys, then the total.

    Funded lines follow the budget's order; production and tools buy no media, so
    their row states the spend alone. The total row's spend is the whole budget.
    """
    currency = fun.currency
    funded = {line.name: line for line in fun.lines}
    rows: list[tuple[str, ...]] = []
    for budget_line in lines:
        line = funded.get(budget_line.name)
        spend = money_text(budget_line.amount, currency)
        if line is None:
            rows.append((budget_line.name, spend, line_purpose(budget_line), "", "",
                         ""))  # fmt: skip
            continue
        rows.append(
            (
                line.name,
                spend,
                rates_text(line, fun.outcome, currency),
                reach_text(line, fun.outcome),
                result_text(line, fun.outcome),
                cost_text(line, fun.outcome, currency),
            )
        )
    budget = money_text(fun.budget, currency)
    if fun.outcome.basis == "reach":
        each = (
            money_text(fun.budget * 1000 / fun.people, currency)
            if fun.people
            else "n/a"
        )
        impressions = f"{about(fun.impressions):,}"
        rows.append(("Total", budget, "", impressions, f"{about(fun.people):,}", each))
        return rows
    each = f"{money_text(fun.cost_each, currency)} all in" if fun.cost_each else "n/a"
    rows.append(("Total", budget, "", "", _count(fun.results), each))
    return rows
