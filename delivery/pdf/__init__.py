"""The PDF report: a cover, a table of contents, then the sections.

:func:`render_pdf` turns a :class:`PdfReport` into bytes, the same bytes for the same
report. The package by role: ``report`` (the input), ``styles`` (palette, geometry,
paragraph styles), ``text`` (inline Markdown as reportlab markup; the paragraph that
breaks its lines once per width), ``blocks`` (Markdown blocks as flowables),
``tables`` (type size, column widths, the styled table), ``pages`` (cover, contents,
running header and page numbers), ``flow`` (what a page keeps together) and
``document`` (the orientation of each run of pages; the two-pass build). The Markdown
itself is read by :mod:`aicmo_site.writing.markdown`.
"""

from delivery.pdf.document import render_pdf
from delivery.pdf.report import PdfReport, PdfSection
from delivery.pdf.tables import needs_landscape

__all__ = ["PdfReport", "PdfSection", "needs_landscape", "render_pdf"]
