"""Plan rules: the client's goals are the targets, and the money adds up to content.

A director checks a plan against the brief with a calculator: the client asked for
400 subscribers, so 400 must be a target; WhatsApp gets 21% of the budget, so there
must be WhatsApp messages; the budget table must add up to the budget, and the
creator pool promised elsewhere must be in it. These rules read the draft as
written, so they guard any generator:

- ``goals_in_kpi_plan``: each number a desired outcome sets (a count, a share, an
  amount: "400 subscribers at under £35", not the "12 months" it is due in, an age
  or a date) appears as a target in the KPI section: in a column headed "Target",
  "Goal" or "End", or on a line that names a target or goal.
- ``funded_channels_have_content``: every channel the channel plan, the budget
  table or the overview gives a share of the budget has content: calendar posts on
  it, or a section, heading, table cell or "Platform:" line outside the plan that
  names it (an email flow, an ad concept, a kit).
- ``budget_table_complete``: the budget table's rows add up to its stated total and
  to the brief's budget, within rounding, and every line of spend named elsewhere
  ("set aside GBP 1,200 for creator fees") has a row.

Nothing here touches the database.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from aicmo_site.kernel.briefs import CHANNELS, channel_name
from aicmo_site.writing import text
from aicmo_site.writing.markdown import (
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Table,
    parse_blocks,
    plain_text,
    strip_inline,
)
from qc.dto import CheckData, SectionInput, Severity
from qc.posts import calendar_posts, shorten
from qc.rules import WHOLE_DRAFT, Rule, RuleContext, prose_lines

QUOTE_LIMIT = 5
# Rounding: each row may be off by one unit, and the sum by half a percent.
ROUNDING_SHARE = Decimal("0.005")

_NUMBER_WORDS = text.WORD_NUMBERS
_TIME_UNITS = r"(?:days?|weeks?|months?|years?|quarters?|qtrs?)"
_MONTHS = (
    r"(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
)
_AMOUNT = re.compile(
    r"(?<![\w.,\-–])(?:(?P<sym>[£€$¥])\s?|(?P<code>(?-i:[A-Z]{3}))\s)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
    r"(?:\s?(?P<scale>k|K|m|M|bn)\b)?(?P<pct>\s?%)?"
    r"|(?<![\w-])(?P<word>" + "|".join(_NUMBER_WORDS) + r")(?![\w-])",
    re.IGNORECASE,
)
_SCALES = {"k": 1000, "m": 1_000_000, "bn": 1_000_000_000}


@dataclass(frozen=True, slots=True)
class Amount:
    """A number as written: its value, whether it is a share, and where it sits."""

    value: Decimal
    percent: bool
    money: bool
    text: str
    start: int
    end: int


def amounts_in(text: str) -> list[Amount]:
    """Return the numbers in ``text``: digits (3,000; £35; 2.5; 70%; 3k) and words."""
    found = []
    for match in _AMOUNT.finditer(text):
        if match.group("word"):
            value = Decimal(_NUMBER_WORDS[match.group("word").casefold()])
            found.append(Amount(value, False, False, match.group(0), *match.span()))
            continue
        code = match.group("code")
        digits = match.group("num").replace(",", "")
        try:
            value = Decimal(f"{digits}.{match.group('dec') or 0}")
        except InvalidOperation:
            continue
        scale = (match.group("scale") or "").casefold()
        value *= _SCALES.get(scale, 1)
        money = bool(match.group("sym") or code)
        found.append(
            Amount(
                value,
                bool(match.group("pct")),
                money,
                match.group(0).strip(),
                *match.span(),
            )
        )
    return found


def _listed(items: list[str], separator: str = "; ") -> str:
    shown = separator.join(items[:QUOTE_LIMIT])
    more = len(items) - QUOTE_LIMIT
    return shown + (f"{separator.rstrip()} and {more} more" if more > 0 else "")


def _money(value: Decimal, currency: str | None) -> str:
    shown = f"{value:,.0f}" if value == value.to_integral() else f"{value:,.2f}"
    return f"{currency} {shown}" if currency else shown


# --- goals_in_kpi_plan ------------------------------------------------------------


# Words before "<number> <time unit>" that make it a deadline or a duration ("in 10
# weeks", "per month"), not a target ("under 21 days", "booked two weeks ahead").
_DURATION_WORDS = frozenset(
    [
        "in",
        "within",
        "over",
        "for",
        "during",
        "after",
        "by",
        "per",
        "every",
        "first",
        "next",
        "last",
        "the",
        "of",
    ]
)


# How many characters either side of a number :func:`_is_condition` reads.
_CONDITION_WINDOW = 60


def _is_condition(text: str, amount: Amount) -> bool:
    """Whether a number in a goal says when or for whom, not how much.

    "in 10 weeks", "within 12 months", "six-month", "by 31 January", "over-65s",
    "aged 2-3", "from 58% to 70%" (58% is the baseline), "after three bags".
    """
    # Only the words around the number decide, so a long goal costs linear time.
    before = text[max(0, amount.start - _CONDITION_WINDOW) : amount.start].casefold()
    after = text[amount.end : amount.end + _CONDITION_WINDOW].casefold()
    words = re.findall(r"[\w'’-]+", before)
    last = words[-1] if words else ""
    timed = re.match(rf"^(?:-|\s+){_TIME_UNITS}\b", after)
    return bool(
        (timed and (after.startswith("-") or last in _DURATION_WORDS))
        or re.match(rf"^\s*{_MONTHS}\b", after)
        or re.search(rf"\b{_MONTHS}\s*$", before)
        or re.match(r"^(?:19|20)\d\d$", amount.text)
        or re.search(r"(?:\baged?|\bages|\bover-|\bunder-)\s*$", before)
        # a range (2-3), an age group (65s), "18+"
        or re.match(r"^\s*(?:[-–]\s*\d|s\b|-year|\+)", after)
        or (last == "from" and re.search(r"\bto\b", after))
        or last == "after"
    )


def goal_numbers(outcome: str) -> list[Amount]:
    """Return the numbers a desired outcome sets as targets, in order."""
    return [a for a in amounts_in(outcome) if not _is_condition(outcome, a)]


_TARGET_HEADER = re.compile(r"\b(?:target|goal|aim|end|objective)s?\b", re.IGNORECASE)
# The column naming each KPI: its scope is part of the target ("Signed
# distributors in 6 European countries").
_KPI_HEADER = re.compile(r"^(?:kpi|metric|measure|outcome)s?\b", re.IGNORECASE)
_TARGET_LINE = re.compile(r"\b(?:target(?:s|ed)?|goals?|aims?)\b", re.IGNORECASE)


def target_texts(section: SectionInput) -> list[str]:
    """Return the texts of a KPI section that state targets.

    Table cells under a "Target", "Goal" or "End" column, the KPI's own name in a
    table that has such a column, and cells that say "target" themselves; prose
    lines that name a target or goal.
    """
    texts: list[str] = []
    for block in parse_blocks(section.body):
        if isinstance(block, Table):
            headers = [strip_inline(h) for h in block.header]
            columns = [i for i, h in enumerate(headers) if _TARGET_HEADER.search(h)]
            if columns:
                columns += [i for i, h in enumerate(headers) if _KPI_HEADER.match(h)]
            for row in block.rows:
                texts += [row[i] for i in columns]
                texts += [cell for cell in row if _TARGET_LINE.search(cell)]
    for line in prose_lines(section.body):
        if not line.lstrip().startswith("|") and _TARGET_LINE.search(line):
            texts.append(line)
    return [plain_text(t) for t in texts]


def _matches(goal: Amount, targets: list[Amount]) -> bool:
    return any(
        t.value == goal.value and (t.percent == goal.percent or not goal.percent)
        for t in targets
    )


def _kpi_section(ctx: RuleContext) -> SectionInput | None:
    for section in ctx.written_sections():
        if "kpi" in section.key:
            return section
    return None


def _goals(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    numeric = [(o, goal_numbers(o)) for o in ctx.brief.desired_outcomes]
    numeric = [(o, numbers) for o, numbers in numeric if numbers]
    if not numeric:
        return [rule.passed("The brief's desired outcomes set no numbers.")]
    section = _kpi_section(ctx)
    if section is None:
        return [
            rule.failed(
                WHOLE_DRAFT,
                f"The draft has no KPI section to hold the client's {len(numeric)} "
                "numeric goals.",
                "Add the pack's KPI plan with one target row per numeric goal.",
            )
        ]
    targets = [a for text in target_texts(section) for a in amounts_in(text)]
    missing = []
    for outcome, numbers in numeric:
        absent = [n.text for n in numbers if not _matches(n, targets)]
        if absent:
            missing.append(f"'{outcome}' ({', '.join(absent)} not a target)")
    if missing:
        return [
            rule.failed(
                section.key,
                f"{len(missing)} of the client's {len(numeric)} numeric goals "
                f"{'is' if len(missing) == 1 else 'are'} missing from the targets in "
                f"'{section.title}': {_listed(missing)}.",
                "Make each numeric desired outcome a KPI row whose target is the "
                "client's number; where the budget cannot reach it, keep the "
                "client's number, say so plainly and give the number it can reach.",
            )
        ]
    counted = (
        f"All {len(numeric)} numeric goals are targets"
        if len(numeric) > 1
        else "The one numeric goal is a target"
    )
    return [rule.passed(f"{counted} in '{section.title}'.", section.key)]


# --- funded_channels_have_content -------------------------------------------------

# Channel names searched for in running text: the canonical names and the longer
# synonyms ("X", "li", "event" or "audio" would match ordinary words).
_SEARCHABLE = sorted(
    {
        name
        for canonical, synonyms in CHANNELS.items()
        for name in (canonical, *synonyms)
        if len(name) >= 5 or name in ("Email", "SMS", "Print", "Blog")
    }
    - {"event", "audio", "texting", "posters", "flyers", "leaflets", "trade fair"},
    key=len,
    reverse=True,
)
_CHANNEL_NAME = re.compile(
    r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in _SEARCHABLE) + r")(?![\w-])",
    re.IGNORECASE,
)
_CHANNEL_HEADER = re.compile(r"^(?:channel|platform|medium)s?\b", re.IGNORECASE)
_SHARE_HEADER = re.compile(
    r"\b(?:share|budget|spend|total|allocation|amount|cost)\b|%", re.IGNORECASE
)
_PLAN_KEYS = ("channel_plan", "kpi", "budget")
# "Instagram (28% of budget)", "Google Ads at 46%", "WhatsApp: 13%".
_SHARE_AFTER_NAME = re.compile(
    r"^\s*(?:\(|:|at|gets|receives|takes|—|–|-)\s*(?P<share>\d+(?:\.\d+)?)\s*%"
)
# "**Platform and format:** Instagram, Carousel": what an ad or a kit runs on. A
# plural label ("Channels: Instagram (28% of budget)…") lists the plan, not content.
_PLATFORM_LABEL = re.compile(
    r"^\s*\**(?P<label>(?:platform|channel|placement)\b[^:*]{0,30}?)\**\s*:\**"
    r"\s*(?P<value>.+)$",
    re.IGNORECASE,
)


def channels_named(text: str) -> set[str]:
    """Return the canonical channels a text names."""
    found = set()
    whole = channel_name(strip_inline(text))
    if whole:
        found.add(whole)
    for match in _CHANNEL_NAME.finditer(plain_text(text)):
        canonical = channel_name(match.group(0))
        if canonical:
            found.add(canonical)
    return found


def _is_plan(section: SectionInput) -> bool:
    return any(key in section.key for key in _PLAN_KEYS)


def funded_channels(sections: Iterable[SectionInput]) -> dict[str, str]:
    """Return each channel given budget (share > 0), with the words that fund it."""
    funded: dict[str, str] = {}
    for section in sections:
        for table in (b for b in parse_blocks(section.body) if isinstance(b, Table)):
            headers = [strip_inline(h) for h in table.header]
            name_col = next(
                (i for i, h in enumerate(headers) if _CHANNEL_HEADER.match(h)), None
            )
            share_cols = [i for i, h in enumerate(headers) if _SHARE_HEADER.search(h)]
            if name_col is None or not share_cols:
                continue
            for row in table.rows:
                values = [a for i in share_cols for a in amounts_in(plain_text(row[i]))]
                if not any(a.value > 0 for a in values):
                    continue
                for channel in channels_named(row[name_col]):
                    shown = strip_inline(row[share_cols[0]])
                    funded.setdefault(channel, f"{section.title}: {shown}")
        for line in prose_lines(section.body):
            if line.lstrip().startswith("|") or not re.search(
                r"budget|spend", line, re.IGNORECASE
            ):
                continue
            text = plain_text(line)
            for match in _CHANNEL_NAME.finditer(text):
                share = _SHARE_AFTER_NAME.match(text[match.end() :])
                canonical = channel_name(match.group(0))
                if share and canonical and Decimal(share.group("share")) > 0:
                    funded.setdefault(
                        canonical, f"{section.title}: {share.group('share')}%"
                    )
    return funded


def _content_channels(ctx: RuleContext) -> dict[str, str]:
    """Return each channel with content, and where the content is.

    Content is calendar posts on the channel, or a kit for it outside the plan: a
    section, heading or "Platform:" line naming it with copy under it (keywords,
    headlines, messages, a script: a table, a quote or labelled lines). A roadmap
    row or a bare heading only names it.
    """
    found: dict[str, str] = {}
    layout = ctx.layout
    calendar = ctx.sections.get(layout.calendar_section) if layout else None
    if calendar is not None:
        for post in calendar_posts(calendar):
            for channel in channels_named(post.channel) if post.channel else ():
                found.setdefault(channel, f"posts in '{calendar.title}'")
    for section in ctx.written_sections():
        if _is_plan(section):
            continue
        where = f"'{section.title}'"
        for channel in _kit_channels(section):
            found.setdefault(channel, where)
    return found


# Words that mark copy for a channel: "Keywords:", "Headlines", "the messages"; for
# an event, what happens at it: "Stand demo:", "Agenda".
_KIT_WORD = re.compile(
    r"\b(?:keywords?|headlines?|descriptions?|messages?|scripts?|copy|captions?"
    r"|subject(?: lines?)?|preview text|primary text|body|hooks?|broadcasts?"
    r"|texts?|voiceover|ad text|sms|demo|stand|booth|agenda|talking points"
    r"|invitations?|run of show)\b",
    re.IGNORECASE,
)
# A kit line gives copy: a kit word and at least this many words in all.
_KIT_LINE_WORDS = 5


def _block_lines(block: object) -> list[str]:
    if isinstance(block, ListBlock):
        return [item.text for item in _items(block)]
    if isinstance(block, Paragraph):
        return [line.text for line in block.lines]
    return []


def _is_kit_line(line: str) -> bool:
    text = plain_text(line)
    return bool(_KIT_WORD.search(text)) and len(text.split()) >= _KIT_LINE_WORDS


def _has_kit_content(blocks: list[object]) -> bool:
    """Whether blocks hold copy: a quote, a copy table or a line of kit copy."""
    for block in blocks:
        if isinstance(block, Quote):
            return True
        if isinstance(block, Table) and _KIT_WORD.search(" ".join(block.header)):
            return True
        if any(_is_kit_line(line) for line in _block_lines(block)):
            return True
    return False


def _scopes(blocks: list[object]) -> Iterator[tuple[Heading, list[object]]]:
    """Each heading with the blocks under it, up to a heading as high or higher."""
    for index, block in enumerate(blocks):
        if not isinstance(block, Heading):
            continue
        under: list[object] = []
        for later in blocks[index + 1 :]:
            if isinstance(later, Heading) and later.level <= block.level:
                break
            under.append(later)
        yield block, under


def _kit_channels(section: SectionInput) -> set[str]:
    """Channels a section gives copy for: its title, headings or platform lines."""
    blocks: list[object] = list(parse_blocks(section.body))
    found: set[str] = set()
    if _has_kit_content(blocks):
        found |= channels_named(section.title)
    for heading, under in _scopes(blocks):
        if _has_kit_content(under):
            found |= channels_named(heading.text)
            found |= _platform_lines(under)
    if _has_kit_content(blocks):
        found |= _platform_lines(b for b in blocks if not isinstance(b, Heading))
    for table in (b for b in blocks if isinstance(b, Table)):
        if _KIT_WORD.search(" ".join(table.header)):
            found |= _table_channels(table)
    return found


def _platform_lines(blocks: Iterable[object]) -> set[str]:
    """Channels named by "Platform: …" lines among the blocks."""
    found: set[str] = set()
    for block in blocks:
        for line in _block_lines(block):
            match = _PLATFORM_LABEL.match(line)
            if match:
                found |= channels_named(match.group("value").split(",")[0])
    return found


def _table_channels(table: Table) -> set[str]:
    """Channels in a table's platform column: a table of copy, one row a channel."""
    columns = [
        i for i, h in enumerate(table.header) if _CHANNEL_HEADER.match(strip_inline(h))
    ]
    return {c for row in table.rows for i in columns for c in channels_named(row[i])}


def _items(block: ListBlock) -> Iterator[ListItem]:
    for item in block.items:
        yield item
        if item.children is not None:
            yield from _items(item.children)


def _funded_channels_content(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    funded = funded_channels(ctx.written_sections())
    if not funded:
        return [rule.passed("No channel is given a share of the budget.")]
    content = _content_channels(ctx)
    empty = [
        f"{channel} ({why})"
        for channel, why in funded.items()
        if channel not in content
    ]
    if empty:
        return [
            rule.failed(
                WHOLE_DRAFT,
                f"{len(empty)} of {len(funded)} funded channels "
                f"{'has' if len(empty) == 1 else 'have'} no content: "
                f"{_listed(empty)}.",
                "Give every funded channel its content, in proportion to its spend: "
                "posts in the calendar, or a kit that names it (search ads: "
                "keywords, headlines and descriptions; WhatsApp or SMS: the "
                "messages and when they go); or move its budget to channels that "
                "have content.",
            )
        ]
    return [
        rule.passed(
            f"All {len(funded)} funded channels have content: "
            + ", ".join(f"{c} in {content[c]}" for c in funded)
            + "."
        )
    ]


# --- budget_table_complete --------------------------------------------------------

_MONEY_HEADER = re.compile(
    r"^(?:total|budget|amount|spend|allocation)\b|\((?:[A-Z]{3}|[£€$])\)",
    re.IGNORECASE,
)
# Verbs that commit money to something: "set aside GBP 1,200 for creator fees",
# "a creator pool of EUR 4,000". "Spend" counts as a verb only ("spend … on"): "40%
# of channel spend" commits nothing.
_SPEND_VERB = re.compile(
    r"\b(?:set(?:s|ting)? aside|allocat\w*|reserv\w*|earmark\w*|ring-?fenc\w*"
    r"|pool|invest\w*|budget(?:ed|s)? for|spen(?:d|ds|ding|t)\b[^.;]{0,40}?\bon)\b",
    re.IGNORECASE,
)
_PURPOSE = re.compile(
    r"\b(?:for|on|to cover)\s+(?P<purpose>[^.;:()]{3,60}?)(?=[.;:()]|,\s|$)",
    re.IGNORECASE,
)
_STOP_WORDS = frozenset(
    [
        "about",
        "this",
        "that",
        "with",
        "from",
        "their",
        "them",
        "they",
        "your",
        "other",
        "every",
        "each",
        "budget",
        "total",
        "campaign",
        "weeks",
        "week",
        "month",
        "months",
        "product",
        "products",
    ]
)


@dataclass(frozen=True, slots=True)
class _BudgetTable:
    section: SectionInput
    rows: list[tuple[str, Decimal]]
    stated: Decimal | None
    total_column: bool


def _money_column(table: Table) -> int | None:
    """Return the column of amounts: "Total" first, else "Budget", "Amount"….

    Most of its cells must hold money (a currency code or symbol), so a KPI table
    with a "Budget" column of shares is not taken for the budget table.
    """
    headers = [strip_inline(h) for h in table.header]
    candidates = [
        i for i, h in enumerate(headers) if i and re.match(r"total\b", h, re.I)
    ]
    candidates += [i for i, h in enumerate(headers) if i and _MONEY_HEADER.search(h)]
    for index in dict.fromkeys(candidates):
        cells = [plain_text(row[index]) for row in table.rows]
        money = [c for c in cells if any(a.money for a in amounts_in(c))]
        if cells and len(money) * 2 >= len(cells):
            return index
    return None


def _first_money(cell: str) -> Decimal | None:
    found = [a for a in amounts_in(plain_text(cell)) if not a.percent]
    return found[0].value if found else None


def _stated_total(section: SectionInput) -> Decimal | None:
    for line in prose_lines(section.body):
        if line.lstrip().startswith("|"):
            continue
        text = plain_text(line)
        match = re.search(r"\btotal\b", text, re.IGNORECASE)
        if match is None:
            continue
        money = [a for a in amounts_in(text[match.end() :]) if a.money]
        if money:
            return money[0].value
    return None


# A row that totals other rows: "Total", "Grand total", "Subtotal" (not spend).
_TOTAL_ROW = re.compile(r"\b(?:(?P<sub>sub-?)|grand )?total\b", re.IGNORECASE)


def _budget_tables(sections: Iterable[SectionInput]) -> Iterator[_BudgetTable]:
    for section in sections:
        for table in (b for b in parse_blocks(section.body) if isinstance(b, Table)):
            column = _money_column(table)
            if column is None or _TARGET_HEADER.search(" ".join(table.header)):
                continue
            rows, stated = [], None
            for row in table.rows:
                label, value = strip_inline(row[0]), _first_money(row[column])
                if value is None:
                    continue
                total = _TOTAL_ROW.search(label)
                if total is None:
                    rows.append((label, value))
                elif not total.group("sub"):
                    stated = value
            if rows:
                total_column = bool(
                    re.match(r"total\b", strip_inline(table.header[column]), re.I)
                )
                yield _BudgetTable(
                    section, rows, stated or _stated_total(section), total_column
                )


def budget_table(sections: Iterable[SectionInput]) -> _BudgetTable | None:
    """Return the draft's budget table: lines of spend with an amount column.

    A table with a "Total" column wins over one whose amounts are headed "Spend" or
    "Budget" (a table of spend per month, or from spend to results); then tables in
    a section that names the budget.
    """
    tables = list(_budget_tables(sections))
    tables.sort(
        key=lambda t: (
            not t.total_column,
            "budget" not in f"{t.section.key} {t.section.title}".casefold(),
        )
    )
    return tables[0] if tables else None


def _spend_elsewhere(
    sections: Iterable[SectionInput], table: _BudgetTable
) -> Iterator[tuple[SectionInput, str, Decimal | None, str]]:
    """Lines of spend outside the budget table: (section, sentence, amount, purpose)."""
    for section in sections:
        if section.key == table.section.key:
            continue
        for line in prose_lines(section.body):
            if line.lstrip().startswith("|"):
                continue
            for sentence in re.split(r"(?<=[.!?])\s+", plain_text(line)):
                if not _SPEND_VERB.search(sentence):
                    continue
                money = [a for a in amounts_in(sentence) if a.money or a.percent]
                purpose = _PURPOSE.search(sentence)
                if not money or purpose is None:
                    continue
                value = next((a.value for a in money if a.money), None)
                yield section, sentence, value, purpose.group("purpose")


def _has_row(table: _BudgetTable, value: Decimal | None, purpose: str) -> bool:
    words = {
        w[:5]
        for w in re.findall(r"[a-z]+", purpose.casefold())
        if len(w) >= 4 and w not in _STOP_WORDS
    }
    for label, amount in table.rows:
        label_words = {w[:5] for w in re.findall(r"[a-z]+", label.casefold())}
        if words & label_words or (value is not None and amount == value):
            return True
    return False


def _tolerance(rows: int, amount: Decimal) -> Decimal:
    return max(Decimal(rows), amount * ROUNDING_SHARE)


def _budget_complete(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    sections = ctx.written_sections()
    table = budget_table(sections)
    if table is None:
        return [rule.passed("The draft has no budget table to add up.")]
    currency = ctx.brief.budget_currency
    total = sum((value for _, value in table.rows), Decimal(0))
    problems = []
    checks = (
        ("its stated total", table.stated),
        ("the brief's budget", ctx.brief.budget_amount),
    )
    for what, expected in checks:
        if expected is not None and abs(total - expected) > _tolerance(
            len(table.rows), expected
        ):
            problems.append(
                f"its {len(table.rows)} rows add up to {_money(total, currency)}, "
                f"not {what} of {_money(expected, currency)}"
            )
    for section, sentence, value, purpose in _spend_elsewhere(sections, table):
        if not _has_row(table, value, purpose):
            problems.append(
                f"'{section.title}' spends on {purpose.strip()} "
                f"('{shorten(sentence)}'), which has no row"
            )
    where = table.section
    if problems:
        return [
            rule.failed(
                where.key,
                f"The budget table in '{where.title}' is incomplete: "
                f"{_listed(problems)}.",
                "List every line of spend as a row (channels, creator pool, "
                "production, tools, contingency) so the rows add up to the stated "
                "total and to the brief's budget.",
            )
        ]
    return [
        rule.passed(
            f"The budget table's {len(table.rows)} rows add up to "
            f"{_money(total, currency)} and hold every line of spend.",
            where.key,
        )
    ]


RULES: tuple[Rule, ...] = (
    Rule("goals_in_kpi_plan", Severity.MAJOR, _goals),
    Rule("funded_channels_have_content", Severity.MAJOR, _funded_channels_content),
    Rule("budget_table_complete", Severity.MAJOR, _budget_complete),
)
