"""Small HTML pieces orchestration's admin pages share: status, times, tables, links."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Where each id a run produced is shown; these are other apps' admin pages.
_OUTPUT_PAGES = {
    "brief_id": "admin:onboarding_brief_change",
    "normalized_brief_id": "admin:onboarding_normalizedbrief_change",
    "project_id": "admin:onboarding_project_change",
    "strategy_id": "admin:strategy_strategy_change",
    "draft_id": "admin:production_draft_change",
    "qc_result_id": "admin:qc_qcresult_change",
    "package_id": "admin:delivery_package_change",
}
STATUS_COLOURS = {
    "completed": "#1e7e34",
    "compensated": "#b35c00",
    "compensating": "#b35c00",
    "failed": "#ba2121",
    "compensation_failed": "#ba2121",
    "cancelled": "#666",
    "running": "#205493",
    "pending": "#666",
}


def url_or_none(name: str, *args: Any) -> str | None:
    """Return the URL named ``name``, or None when that page is not installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def output_url(key: str, value: str) -> str | None:
    """Return the admin page of the row an output id such as ``brief_id`` names."""
    page = _OUTPUT_PAGES.get(key)
    return url_or_none(page, value) if page else None


def status(value: str) -> SafeString:
    """Return a run or step status in its colour."""
    colour = STATUS_COLOURS.get(value, "inherit")
    return format_html(
        '<strong class="aicmo-status" style="color:{}">{}</strong>', colour, value
    )


def timestamp(value: dt.datetime | None) -> str:
    """Return a time to the millisecond, or ``-``."""
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] if value else "-"


def duration(start: dt.datetime | None, end: dt.datetime | None) -> str:
    """Return how long from ``start`` to ``end`` took, in milliseconds, or ``-``."""
    if start is None or end is None:
        return "-"
    return f"{(end - start).total_seconds() * 1000:.1f} ms"


def error_text(error: dict[str, Any] | None) -> str:
    """Return a stored error as ``CODE: message`` (empty when there is none)."""
    if not error:
        return ""
    return f"{error.get('code', 'ERROR')}: {error.get('message', '')}"


def table(
    headers: Iterable[str], rows: Iterable[Iterable[Any]], css_class: str
) -> SafeString:
    """Return a full-width table; every header and cell is escaped unless safe."""
    head = format_html_join("", "<th>{}</th>", ((h,) for h in headers))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((c,) for c in row)),) for row in rows),
    )
    return format_html(
        '<table class="{}" style="width:100%"><thead><tr>{}</tr></thead>'
        "<tbody>{}</tbody></table>",
        css_class,
        head,
        body,
    )
