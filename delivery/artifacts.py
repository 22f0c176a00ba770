"""Render a package's files: pure functions from the input to bytes, no storage.

The same :class:`PackageInput` and package id always give the same bytes: dates come
from ``generated_at``, JSON is written with sorted keys, ZIP entries carry fixed
timestamps and permissions, and the PDF is rendered in reportlab's invariant mode.
"""

import datetime as dt
import hashlib
import html
import io
import json
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from uuid import UUID
from xml.etree import ElementTree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from delivery.dto import PackageInput
from delivery.pdf import PdfReport, PdfSection, render_pdf

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


def qc_label(package: PackageInput) -> str:
    """Return the QC verdict as shown in reports: ``92/100, passed``."""
    verdict = "passed" if package.qc_passed else "not passed"
    return f"{package.qc_score}/100, {verdict}"


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
        f"- **QC score:** {qc_label(package)}",
        "",
    ]
    for section in package.sections:
        lines += [f"## {section.title}", "", section.body.strip(), ""]
    return "\n".join(lines)


_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class _DropUnsafeUrls(Treeprocessor):
    """Remove link and image URLs whose scheme could run script (``javascript:``)."""

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            url = element.get(attribute, "") if attribute else ""
            if attribute and not _is_safe_url(url):
                del element.attrib[attribute]


def _is_safe_url(url: str) -> bool:
    # Browsers decode entities and skip whitespace and control characters before
    # reading a scheme, so check the URL as the browser will see it.
    decoded = html.unescape(url.replace(AMP_SUBSTITUTE, "&"))
    cleaned = "".join(
        char for char in decoded if char.isprintable() and not char.isspace()
    )
    if not _SCHEME.match(cleaned):
        return True
    return cleaned.lower().startswith(_SAFE_SCHEMES)


class _SafeMarkdown(Extension):
    """Treat raw HTML as text and drop script URLs, so copy cannot inject markup."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - API name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeUrls(md), "drop_unsafe_urls", 0)


def markdown_to_html(text: str) -> str:
    """Convert Markdown to an HTML fragment, with tables and raw HTML escaped."""
    return markdown.markdown(
        text, extensions=["tables", "sane_lists", _SafeMarkdown()], output_format="html"
    )


_CSS = """
:root { --ink:#1f2933; --muted:#5f6b7a; --primary:#1e3a5f; --accent:#2f6db5;
  --rule:#d5dce4; --zebra:#f3f6f9; }
* { box-sizing: border-box; }
body { margin:0; background:#eef1f5; color:var(--ink);
  font:16px/1.6 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; }
main { max-width:1040px; margin:32px auto; background:#fff; padding:56px 64px;
  box-shadow:0 1px 3px rgba(15,23,42,.08); border-radius:6px; }
header.cover { border-bottom:2px solid var(--primary); padding-bottom:24px;
  margin-bottom:32px; }
.kicker { color:var(--accent); font-weight:700; letter-spacing:.08em;
  text-transform:uppercase; font-size:13px; margin:0 0 8px; }
h1 { color:var(--primary); font-size:34px; line-height:1.2; margin:0 0 8px; }
.subtitle { color:var(--muted); margin:0 0 24px; }
dl.meta { display:grid; grid-template-columns:repeat(4, 1fr); gap:16px; margin:0; }
dl.meta dt { color:var(--muted); font-size:12px; font-weight:700;
  letter-spacing:.06em; text-transform:uppercase; }
dl.meta dd { margin:2px 0 0; font-weight:600; }
nav.toc ol { columns:2; padding-left:20px; color:var(--muted); }
nav.toc a { color:var(--ink); text-decoration:none; }
nav.toc a:hover { color:var(--accent); }
section { margin-top:40px; }
h2 { color:var(--primary); font-size:24px; border-bottom:2px solid var(--accent);
  padding-bottom:6px; margin:0 0 16px; }
h3 { color:var(--primary); font-size:19px; margin:24px 0 8px; }
h4 { font-size:16px; margin:20px 0 6px; }
a { color:var(--accent); }
blockquote { margin:16px 0; padding:10px 16px; background:var(--zebra);
  border-left:4px solid var(--accent); color:var(--muted); font-style:italic; }
code { font-family:SFMono-Regular, Consolas, "Liberation Mono", monospace;
  font-size:.9em; background:var(--zebra); padding:1px 4px; border-radius:3px; }
pre { background:var(--zebra); padding:12px 16px; overflow-x:auto; border-radius:4px; }
pre code { background:none; padding:0; }
.table-wrap { overflow-x:auto; margin:16px 0 24px; }
table { border-collapse:collapse; width:100%; font-size:14px; }
th { background:var(--primary); color:#fff; text-align:left; padding:8px 10px; }
td { padding:8px 10px; border-bottom:1px solid var(--rule); vertical-align:top; }
tbody tr:nth-child(even) td { background:var(--zebra); }
footer { margin-top:48px; padding-top:16px; border-top:1px solid var(--rule);
  color:var(--muted); font-size:13px; }
@media print { body { background:#fff; } main { box-shadow:none; margin:0;
  max-width:none; padding:0; } section { break-inside:auto; }
  h2, h3 { break-after:avoid; } tr { break-inside:avoid; } }
@media (max-width:720px) { main { padding:28px 20px; margin:0; }
  dl.meta { grid-template-columns:repeat(2, 1fr); } nav.toc ol { columns:1; } }
"""


def render_html(package: PackageInput, *, prepared_by: str) -> str:
    """Return the HTML report: a standalone, styled document built from the Markdown."""
    esc = html.escape
    sections = []
    toc = []
    for section in package.sections:
        anchor = esc(section.key)
        toc.append(f'<li><a href="#{anchor}">{esc(section.title)}</a></li>')
        body = markdown_to_html(f"## {section.title}\n\n{section.body.strip()}\n")
        body = body.replace("<table>", '<div class="table-wrap"><table>').replace(
            "</table>", "</table></div>"
        )
        sections.append(f'<section id="{anchor}">\n{body}\n</section>')
    meta = [
        ("Client", package.client_name),
        ("Pack", package.pack_label),
        ("Date", date_label(package.generated_at)),
        ("QC score", qc_label(package)),
    ]
    meta_html = "\n".join(
        f"<div><dt>{esc(label)}</dt><dd>{esc(value)}</dd></div>"
        for label, value in meta
    )
    generated = _utc(package.generated_at).isoformat().replace("+00:00", "Z")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta name="generator" content="{esc(prepared_by)}">',
            f"<title>{esc(package.title)} \u2014 {esc(package.client_name)}</title>",
            f"<style>{_CSS}</style>",
            "</head>",
            "<body>",
            "<main>",
            '<header class="cover">',
            f'<p class="kicker">{esc(package.pack_label)}</p>',
            f"<h1>{esc(package.title)}</h1>",
            f'<p class="subtitle">Prepared for {esc(package.client_name)} by '
            f"{esc(prepared_by)}</p>",
            f'<dl class="meta">\n{meta_html}\n</dl>',
            "</header>",
            '<nav class="toc" aria-label="Contents">',
            "<h2>Contents</h2>",
            "<ol>",
            *toc,
            "</ol>",
            "</nav>",
            *sections,
            f"<footer>Generated {esc(generated)} \u00b7 {esc(package.client_name)} "
            f"\u00b7 {esc(package.pack_label)}</footer>",
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


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


def render_package(
    package: PackageInput, *, package_id: str, prepared_by: str
) -> RenderedPackage:
    """Render every artifact of the package, in delivery order.

    Raises:
        TypeError: ``package.data`` cannot be written as JSON.
    """
    report_md = render_markdown(package)
    pdf = render_pdf(
        PdfReport(
            title=package.title,
            client_name=package.client_name,
            pack_label=package.pack_label,
            date_label=date_label(package.generated_at),
            qc_label=qc_label(package),
            prepared_by=prepared_by,
            sections=tuple(
                PdfSection(title=section.title, body=section.body)
                for section in package.sections
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
