"""Markdown and text formatting shared by the section writers.

Tables, bullet and numbered lists, dates as a reader reads them, and money.
"""

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal


def cell(value: str) -> str:
    """Return ``value`` safe for a Markdown table cell: one line, pipes escaped."""
    return " ".join(value.split()).replace("|", "\\|")


def table(header: tuple[str, ...], rows: Sequence[Sequence[str]]) -> str:
    """Render a Markdown table."""
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(items: Sequence[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def numbered(items: Sequence[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))


def long_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def short_date(value: dt.date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def money(value: Decimal, currency: str) -> str:
    """Render an amount in whole units: ``GBP 1,250``."""
    return f"{currency} {value.quantize(Decimal(1), ROUND_HALF_UP):,}"
