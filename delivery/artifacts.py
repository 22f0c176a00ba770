"""Render a package's files: pure functions from the input to bytes, no storage.

The same :class:`PackageInput` and package id always give the same bytes: every date
in the files comes from ``generated_at`` (nothing reads the clock), JSON is written
with sorted keys, ZIP entries carry fixed timestamps and permissions, and the PDF is
rendered in reportlab's invariant mode with ``generated_at`` as its creation date.

The HTML and PDF reports share one structure: a cover (client, pack, date, who the
report is prepared for and by), a numbered table of contents linking every section,
then the sections; tables keep their columns, numeric columns are right-aligned, and
a table too cramped for a portrait page is set landscape when printed (that table
alone, not its section). Block quotes are post copy: their line breaks are kept.

The reports and ``report.md`` are what the client reads, so none of them shows the QC
score or verdict: that is the agency's own check, shown in the admin. It stays in
``manifest.json``, whose schema records the verdict next to the ids and hashes (the
package's audit record), and in ``data.json``, the machine-readable export of the
run's data (ids, brief, strategy, QC checks) for the agency's systems.

Over 600 lines because about 120 of them are the HTML report's stylesheet, kept beside
the markup it styles; the PDF lives in :mod:`delivery.pdf`.
"""

import contextlib
import datetime as dt
import gc
import hashlib
import html
import io
import json
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID
from xml.etree import ElementTree

import markdown
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from aicmo_site.writing.links import SafeLinks
from aicmo_site.writing.markdown import align_numeric_columns, tables_in
from delivery.dto import PackageInput
from delivery.pdf import PdfReport, PdfSection, needs_landscape, render_pdf

MANIFEST_NAME = "manifest.json"
MANIFEST_SCHEMA = "aicmo.package-manifest/1"
# (name, format) in the fixed delivery order; the ZIP comes last and holds the rest.
ARTIFACT_ORDER: tuple[tuple[str, str], ...] = (
    ("report.md", "markdown"),
    ("report.html", "html"),
    ("report.pdf", "pdf"),
    ("data.json", "json"),
    ("package.zip", "zip"),
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RenderedFile:
    """One rendered artifact with its digest."""

    name: str
    format: str
    content: bytes

    @property
    def size(self) -> int:
        """Return the size in bytes."""
        return len(self.content)

    @property
    def sha256(self) -> str:
        """Return the hex SHA-256 of the content."""
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True, slots=True)
class RenderedPackage:
    """All of a package's files in delivery order, with its manifest."""

    files: tuple[RenderedFile, ...]
    manifest: dict[str, Any]
    manifest_hash: str


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def date_label(moment: dt.datetime) -> str:
    """Return ``4 January 2027`` for the UTC date of ``moment``, locale-free."""
    day = _utc(moment).date()
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def canonical_json(value: Any) -> bytes:
    """Return compact, key-sorted UTF-8 JSON: the form the manifest hash covers."""
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def json_default(value: Any) -> Any:
    """Serialise the few non-JSON types callers commonly put in ``data``."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def render_markdown(package: PackageInput) -> str:
    """Return the Markdown report: a title, a header block, then every section."""
    lines = [
        f"# {package.title}",
        "",
        f"- **Client:** {package.client_name}",
        f"- **Pack:** {package.pack_label}",
        f"- **Date:** {date_label(package.generated_at)}",
        "",
    ]
    for section in package.sections:
        lines += [f"## {section.title}", "", section.body.strip(), ""]
    return "\n".join(lines)


class _SafeMarkdown(Extension):
    """Treat raw HTML as text, so copy cannot inject markup.

    Links and images go through :class:`~aicmo_site.writing.links.SafeLinks`, the
    rules the PDF and the admin apply too.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - API name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class _HashtagsAreNotHeadings(Extension):
    """Read ``#`` as a heading only before a space, as CommonMark does.

    Python-Markdown also reads ``#Coffee #ShopLocal`` as a heading, so a post's
    hashtags line would print as a page title with its first ``#`` dropped.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - API name
        md.parser.blockprocessors.register(
            _SpacedHashHeader(md.parser), "hashheader", 70
        )


class _SpacedHashHeader(HashHeaderProcessor):
    # Python-Markdown's pattern, with a space, tab or line end after the #s.
    RE = re.compile(
        r"(?:^|\n)(?P<level>#{1,6})(?=[ \t\n]|$)"
        r"(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)"
    )


class _QuoteLines(Extension):
    """Keep the line breaks of block quotes: post copy is set line by line.

    An email's "Subject line:" and "Preview text:" are two lines of one part of
    the quote; Markdown would run them into one line.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - API name
        # After the inline patterns (20), which leave the text split at tags.
        md.treeprocessors.register(_QuoteLineBreaks(md), "aicmo_quote_lines", 5)


class _QuoteLineBreaks(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        for quote in root.iter("blockquote"):
            for paragraph in quote.iter("p"):
                _break_lines(paragraph)


def _break_lines(paragraph: ElementTree.Element) -> None:
    """Put a ``<br>`` at each line break of ``paragraph``'s own text."""
    children: list[ElementTree.Element] = []

    def add_breaks(lines: list[str]) -> None:
        for line in lines:
            brk = ElementTree.Element("br")
            brk.tail = line
            children.append(brk)

    paragraph.text, *rest = (paragraph.text or "").split("\n")
    add_breaks(rest)
    for child in list(paragraph):
        child.tail, *rest = (child.tail or "").split("\n")
        children.append(child)
        add_breaks(rest)
    paragraph[:] = children


def _markdown_converter() -> markdown.Markdown:
    """Return a converter for report Markdown: tables, sane lists, raw HTML escaped.

    Setting one up (loading extensions, building the parser) costs about a tenth of
    converting a section, so a report reuses one for all its sections; ``reset()``
    clears what it kept of the previous text.
    """
    return markdown.Markdown(
        extensions=[
            "tables",
            "sane_lists",
            _SafeMarkdown(),
            _HashtagsAreNotHeadings(),
            _QuoteLines(),
            SafeLinks(),
        ],
        output_format="html",
    )


def markdown_to_html(text: str, *, converter: markdown.Markdown | None = None) -> str:
    """Convert Markdown to an HTML fragment: tables, raw HTML escaped, safe links.

    ``converter``, from :func:`_markdown_converter`, is reset and reused if given.
    """
    if converter is None:
        converter = _markdown_converter()
    return converter.reset().convert(text)


_CSS = """
:root { --ink:#1f2933; --muted:#5f6b7a; --primary:#1e3a5f; --accent:#2f6db5;
  --soft:#c9d8ea; --kicker:#8cb8e8; --rule:#d5dce4; --zebra:#f3f6f9;
  --sans:"Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  --mono:SFMono-Regular, Consolas, "Liberation Mono", monospace; }
* { box-sizing:border-box; }
html { -webkit-text-size-adjust:100%; }
body { margin:0; background:#eef1f5; color:var(--ink);
  font:16px/1.6 var(--sans); }
.page { max-width:1040px; margin:32px auto; background:#fff;
  box-shadow:0 1px 3px rgba(15,23,42,.08); border-radius:6px; overflow:hidden; }
.cover-band { background:var(--primary); color:#fff; padding:40px 64px 48px;
  border-bottom:5px solid var(--accent); }
.cover-top { display:flex; justify-content:space-between; gap:24px;
  color:var(--soft); font-size:14px; margin-bottom:96px; }
.cover-top .agency { font-weight:700; }
.kicker { color:var(--kicker); font-weight:700; font-size:13px;
  letter-spacing:.08em; text-transform:uppercase; margin:0 0 10px; }
.cover h1 { color:#fff; font-size:44px; line-height:1.15; margin:0 0 12px;
  letter-spacing:-.01em; }
.doc-title { color:var(--soft); font-size:21px; line-height:1.35; margin:0; }
.cover-body { padding:40px 64px 8px; }
.prepared-for { color:var(--primary); font-size:20px; font-weight:700; margin:0; }
.prepared-by { color:var(--muted); margin:4px 0 28px; }
dl.meta { display:grid; grid-template-columns:3fr 2fr; gap:16px;
  margin:0; padding:14px 0 16px; border-top:2px solid var(--primary);
  border-bottom:1px solid var(--rule); }
dl.meta dt { color:var(--muted); font-size:11px; font-weight:700;
  letter-spacing:.06em; text-transform:uppercase; }
dl.meta dd { margin:2px 0 0; }
main { padding:24px 64px 56px; }
nav.toc h2 { margin-top:16px; }
nav.toc ol { list-style:none; margin:0; padding:0; }
nav.toc li { border-bottom:1px solid var(--rule); }
nav.toc a { display:flex; gap:16px; padding:9px 0; color:var(--ink);
  text-decoration:none; }
nav.toc a:hover .label { color:var(--accent); text-decoration:underline; }
.num { color:var(--accent); font-weight:700; font-variant-numeric:tabular-nums; }
nav.toc .num { min-width:2em; }
section { margin-top:48px; }
h2 { color:var(--primary); font-size:26px; line-height:1.25;
  border-bottom:2px solid var(--accent); padding-bottom:8px; margin:0 0 18px; }
h2 .num { margin-right:10px; }
h3 { color:var(--primary); font-size:19px; line-height:1.3; margin:28px 0 8px; }
h4 { font-size:16px; margin:20px 0 6px; }
p, ul, ol { margin:0 0 12px; }
li { margin:2px 0; }
a { color:var(--accent); }
blockquote { margin:16px 0; padding:10px 16px; background:var(--zebra);
  border-left:4px solid var(--accent); color:var(--muted); font-style:italic; }
blockquote p { margin:0; }
code { font-family:var(--mono); font-size:.9em; background:var(--zebra);
  padding:1px 4px; border-radius:3px; }
pre { background:var(--zebra); padding:12px 16px; overflow-x:auto; border-radius:4px; }
pre code { background:none; padding:0; }
.table-wrap { overflow-x:auto; margin:16px 0 24px; border:1px solid var(--rule);
  border-radius:4px; }
table { border-collapse:collapse; width:100%; font-size:14px; line-height:1.45; }
th { background:var(--primary); color:#fff; text-align:left; padding:9px 10px;
  font-weight:700; vertical-align:bottom; }
td { padding:8px 10px; border-top:1px solid var(--rule); vertical-align:top;
  font-variant-numeric:tabular-nums; }
tbody tr:nth-child(even) td { background:var(--zebra); }
.table-wrap.wide table { font-size:13px; }
.table-wrap.wide td:first-child { white-space:nowrap; }
footer { margin-top:56px; padding-top:16px; border-top:1px solid var(--rule);
  color:var(--muted); font-size:13px; }
@media (max-width:720px) { .page { margin:0; border-radius:0; }
  .cover-band, .cover-body, main { padding-left:20px; padding-right:20px; }
  .cover-top { margin-bottom:48px; } .cover h1 { font-size:32px; }
  dl.meta { grid-template-columns:1fr; } }
@page { size:A4; margin:20mm 16mm 18mm; }
@page wide { size:A4 landscape; }
@page :first { margin:0; }
@media print {
  body { background:#fff; font-size:10.5pt; line-height:1.5; }
  .page { max-width:none; margin:0; box-shadow:none; border-radius:0;
    overflow:visible; }
  .cover { height:296mm; display:flex; flex-direction:column;
    break-after:page; }
  .cover-band { flex:0 0 50%; display:flex; flex-direction:column;
    padding:22mm 25mm 18mm; -webkit-print-color-adjust:exact;
    print-color-adjust:exact; }
  .cover-top { margin-bottom:auto; }
  .cover-body { padding:20mm 25mm 0; }
  main { padding:0; }
  nav.toc { break-after:page; }
  nav.toc h2 { margin-top:0; }
  section { margin-top:24pt; }
  section:first-of-type { margin-top:0; }
  .table-wrap.wide { page:wide; }
  h2 { font-size:17pt; }
  h3 { font-size:12.5pt; }
  h2, h3, h4, p:has(+ blockquote) { break-after:avoid; }
  .table-wrap { overflow:visible; border:0; }
  table { font-size:8.5pt; }
  thead { display:table-header-group; }
  tr, blockquote, pre { break-inside:avoid; }
  p, li { orphans:3; widows:3; }
  th, tbody tr:nth-child(even) td { -webkit-print-color-adjust:exact;
    print-color-adjust:exact; }
  a { color:inherit; text-decoration:none; }
  footer { margin-top:24px; }
}
"""
# Running header and page numbers for print, filled in per report (CSS paged media).
_PRINT_MARGIN_BOXES = """@page {{
  @top-left {{ content:{header_left}; font:8pt var(--sans); color:#5f6b7a; }}
  @top-right {{ content:{header_right}; font:8pt var(--sans); color:#5f6b7a; }}
  @bottom-left {{ content:{footer_left}; font:8pt var(--sans); color:#5f6b7a; }}
  @bottom-right {{ content:"Page " counter(page) " of " counter(pages);
    font:bold 8pt var(--sans); color:#1f2933; }}
}}
@page :first {{ @top-left {{ content:none; }} @top-right {{ content:none; }}
  @bottom-left {{ content:none; }} @bottom-right {{ content:none; }} }}
"""
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_RESERVED_ANCHORS = frozenset({"cover", "contents"})


def _css_string(text: str) -> str:
    """Quote ``text`` as a CSS string that cannot end the string or the style."""
    return '"' + "".join(
        char if char.isalnum() or char in " .,:;!?'&()+-_/\u00b7\u2014" else
        f"\\{ord(char):06x}"
        for char in text
    ) + '"'  # fmt: skip


def section_anchors(keys: Sequence[str]) -> list[str]:
    """Return a unique, URL-safe ``id`` per section key: the key, if it is one."""
    anchors: list[str] = []
    taken = set(_RESERVED_ANCHORS)
    for key in keys:
        base = _ANCHOR_UNSAFE.sub("-", key).strip("-") or "section"
        anchor, counter = base, 2
        while anchor in taken:
            anchor, counter = f"{base}-{counter}", counter + 1
        taken.add(anchor)
        anchors.append(anchor)
    return anchors


def _header_left(package: PackageInput) -> str:
    # A title that already names the client ("Ledgerly: …") is not repeated.
    if package.client_name.casefold() in package.title.casefold():
        return package.title
    return f"{package.client_name} \u00b7 {package.title}"


def render_html(package: PackageInput, *, prepared_by: str) -> str:
    """Return the HTML report: a cover, linked contents, then every section.

    The page is standalone (inline CSS, no external assets). Printed, the cover and
    the contents get a page each, the sections flow on, a table too cramped for a
    portrait page gets landscape pages of its own (as in the PDF), and pages carry
    a running header and "Page n of N".
    """
    esc = html.escape
    day = date_label(package.generated_at)
    anchors = section_anchors([section.key for section in package.sections])
    toc = []
    sections = []
    converter = _markdown_converter()
    for number, (section, anchor) in enumerate(
        zip(package.sections, anchors, strict=True), start=1
    ):
        toc.append(
            f'<li><a href="#{anchor}"><span class="num">{number:02d}</span>'
            f'<span class="label">{esc(section.title)}</span></a></li>'
        )
        body = markdown_to_html(
            align_numeric_columns(section.body.strip()) + "\n", converter=converter
        )
        sections.append(
            f'<section id="{anchor}">\n'
            f'<h2><span class="num">{number:02d}</span>{esc(section.title)}</h2>\n'
            f"{_wrap_tables(body, section.body)}\n</section>"
        )
    meta = "\n".join(
        [
            f"<div><dt>Pack</dt><dd>{esc(package.pack_label)}</dd></div>",
            f"<div><dt>Date</dt><dd>{esc(day)}</dd></div>",
        ]
    )
    margin_boxes = _PRINT_MARGIN_BOXES.format(
        header_left=_css_string(_header_left(package)),
        header_right=_css_string(f"{package.pack_label} \u00b7 {day}"),
        footer_left=_css_string(f"Prepared by {prepared_by}"),
    )
    generated = _iso(package.generated_at)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="author" content="{esc(prepared_by)}">',
            f'<meta name="date" content="{esc(generated)}">',
            f"<title>{esc(package.title)} \u2014 {esc(package.client_name)}</title>",
            f"<style>{_CSS}{margin_boxes}</style>",
            "</head>",
            "<body>",
            '<div class="page">',
            '<header class="cover" id="cover">',
            '<div class="cover-band">',
            f'<div class="cover-top"><span class="agency">{esc(prepared_by)}</span>'
            f'<span class="date">{esc(day)}</span></div>',
            f'<p class="kicker">{esc(package.pack_label)}</p>',
            f"<h1>{esc(package.client_name)}</h1>",
            f'<p class="doc-title">{esc(package.title)}</p>',
            "</div>",
            '<div class="cover-body">',
            f'<p class="prepared-for">Prepared for {esc(package.client_name)}</p>',
            f'<p class="prepared-by">Prepared by {esc(prepared_by)}</p>',
            f'<dl class="meta">\n{meta}\n</dl>',
            "</div>",
            "</header>",
            "<main>",
            '<nav class="toc" id="contents" aria-labelledby="contents-title">',
            '<h2 id="contents-title">Contents</h2>',
            "<ol>",
            *toc,
            "</ol>",
            "</nav>",
            *sections,
            f"<footer>Prepared for {esc(package.client_name)} by {esc(prepared_by)}"
            f" \u00b7 {esc(package.pack_label)} \u00b7 generated {esc(generated)}"
            "</footer>",
            "</main>",
            "</div>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _wrap_tables(body: str, source: str) -> str:
    """Return ``body`` with each table in a scrolling box, landscape when printed.

    ``source`` is the section's Markdown; its tables, in order, are the ``body``'s.
    """
    wide = [needs_landscape(table) for table in tables_in(source)]
    pieces = body.split("<table>")
    for index in range(1, len(pieces)):
        css = (
            "table-wrap wide"
            if index <= len(wide) and wide[index - 1]
            else ("table-wrap")
        )
        pieces[index] = f'<div class="{css}"><table>' + pieces[index]
    return "".join(pieces).replace("</table>", "</table></div>")


def render_data_json(package: PackageInput, *, package_id: str) -> bytes:
    """Return ``data.json``: the ids, the sections and the caller's ``data``.

    Raises:
        TypeError: ``data`` holds a value that cannot be written as JSON.
    """
    document = {
        "package_id": package_id,
        "brief_id": package.brief_id,
        "strategy_id": package.strategy_id,
        "draft_id": package.draft_id,
        "qc_result_id": package.qc_result_id,
        "client": {"name": package.client_name},
        "pack": {"key": package.pack_key, "label": package.pack_label},
        "title": package.title,
        "generated_at": _iso(package.generated_at),
        "qc": {"passed": package.qc_passed, "score": package.qc_score},
        "sections": [
            {"key": section.key, "title": section.title, "body": section.body}
            for section in package.sections
        ],
        "data": dict(package.data),
    }
    text = json.dumps(
        document, sort_keys=True, indent=2, ensure_ascii=False, default=json_default
    )
    return (text + "\n").encode("utf-8")


def _iso(moment: dt.datetime) -> str:
    return _utc(moment).isoformat().replace("+00:00", "Z")


def build_manifest(
    package: PackageInput, *, package_id: str, files: tuple[RenderedFile, ...]
) -> tuple[dict[str, Any], str]:
    """Return the manifest (with its hash inside) and the hash.

    The hash is the SHA-256 of the canonical JSON of the manifest without the hash.
    """
    manifest: dict[str, Any] = {
        "schema": MANIFEST_SCHEMA,
        "package_id": package_id,
        "brief_id": package.brief_id,
        "strategy_id": package.strategy_id,
        "draft_id": package.draft_id,
        "qc_result_id": package.qc_result_id,
        "client": package.client_name,
        "pack": {"key": package.pack_key, "label": package.pack_label},
        "title": package.title,
        "generated_at": _iso(package.generated_at),
        "qc": {
            "result_id": package.qc_result_id,
            "passed": package.qc_passed,
            "score": package.qc_score,
        },
        "artifacts": [
            {"name": file.name, "format": file.format, "size": file.size,
             "sha256": file.sha256}
            for file in files
        ],
    }  # fmt: skip
    manifest_hash = hashlib.sha256(canonical_json(manifest)).hexdigest()
    return {**manifest, "manifest_hash": manifest_hash}, manifest_hash


def _zip_timestamp(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    # ZIP dates cannot precede 1980 and store even seconds only.
    moment = max(_utc(moment), dt.datetime(1980, 1, 1, tzinfo=dt.UTC))
    return (
        moment.year, moment.month, moment.day,
        moment.hour, moment.minute, moment.second - moment.second % 2,
    )  # fmt: skip


def render_zip(entries: list[tuple[str, bytes]], *, generated_at: dt.datetime) -> bytes:
    """Return a ZIP of ``entries`` whose bytes depend only on its input."""
    buffer = io.BytesIO()
    timestamp = _zip_timestamp(generated_at)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=timestamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permission bits below apply
            info.external_attr = 0o100644 << 16
            archive.writestr(info, content, compresslevel=9)
    return buffer.getvalue()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector; reference counting still frees memory.

    Rendering builds many thousands of objects (paragraph fragments, lines, table
    cells) that live until the render returns. With the collector running, its
    young-generation passes during the render promote them to the oldest generation,
    and that makes full collections, which scan every object in the process (some
    40-50 ms in a Django process), frequent enough to show as latency spikes on later
    runs. Paused, the render's objects are freed by reference counting as it returns,
    and any cycles among them by the next young-generation pass. The collector is
    switched back on only if it was on, so nested or concurrent renders leave it as
    they found it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_package(
    package: PackageInput, *, package_id: str, prepared_by: str
) -> RenderedPackage:
    """Render every artifact of the package, in delivery order.

    Raises:
        TypeError: ``package.data`` cannot be written as JSON.
    """
    with _collector_paused():
        return _render_package(package, package_id=package_id, prepared_by=prepared_by)


def _render_package(
    package: PackageInput, *, package_id: str, prepared_by: str
) -> RenderedPackage:
    report_md = render_markdown(package)
    pdf = render_pdf(
        PdfReport(
            title=package.title,
            client_name=package.client_name,
            pack_label=package.pack_label,
            date_label=date_label(package.generated_at),
            prepared_by=prepared_by,
            generated_at=package.generated_at,
            sections=tuple(
                PdfSection(title=section.title, body=section.body, anchor=anchor)
                for section, anchor in zip(
                    package.sections,
                    section_anchors([section.key for section in package.sections]),
                    strict=True,
                )
            ),
        )
    )
    files = (
        RenderedFile("report.md", "markdown", report_md.encode("utf-8")),
        RenderedFile(
            "report.html",
            "html",
            render_html(package, prepared_by=prepared_by).encode(),
        ),
        RenderedFile("report.pdf", "pdf", pdf),
        RenderedFile(
            "data.json", "json", render_data_json(package, package_id=package_id)
        ),
    )
    manifest, manifest_hash = build_manifest(
        package, package_id=package_id, files=files
    )
    manifest_bytes = (
        json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    ).encode("utf-8")
    archive = render_zip(
        [(file.name, file.content) for file in files]
        + [(MANIFEST_NAME, manifest_bytes)],
        generated_at=package.generated_at,
    )
    return RenderedPackage(
        files=(*files, RenderedFile("package.zip", "zip", archive)),
        manifest=manifest,
        manifest_hash=manifest_hash,
    )
