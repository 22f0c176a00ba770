"""Text in the PDF: inline Markdown as reportlab markup, and the paragraph that lays it.

Reportlab paragraphs take a small XML markup (``<b>``, ``<i>``, ``<link>``…), so inline
Markdown is converted and everything else escaped. The base-14 fonts cannot show emoji
or joiners; :func:`printable` drops them from every string the PDF draws.

Links keep only the targets :func:`~aicmo_site.writing.links.safe_href` allows, as in
the HTML report and the admin; an in-document anchor links only to a place the PDF
has (a section), and images show their alt text. A dropped link leaves its text.
"""

import re
from collections.abc import Mapping

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from aicmo_site.writing.links import safe_href
from aicmo_site.writing.markdown import IMAGE, LINK
from delivery.pdf.styles import FONT_MONO

_CODE_SPAN = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_TOKEN = "\x00{}\x00"
_TOKEN_RE = re.compile("\x00(\\d+)\x00")
# Characters beyond the Basic Multilingual Plane (emoji), variation selectors, joiners.
_UNPRINTABLE = re.compile("[\U00010000-\U0010ffff\ufe0e\ufe0f\u200d]")


def escape_xml(text: str) -> str:
    """Escape the characters reportlab's paragraph markup treats as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def printable(text: str) -> str:
    """Drop characters the base-14 PDF fonts cannot show (emoji, joiners)."""
    return _UNPRINTABLE.sub("", text)


def inline_markup(text: str, anchors: Mapping[str, str] | None = None) -> str:
    """Convert inline Markdown to reportlab paragraph markup; escape the rest.

    Args:
        text: One line or cell of inline Markdown.
        anchors: The PDF's destination for each in-document anchor a link may name
            (``#overview``: the key of the section the HTML report calls
            ``overview``). A link to an anchor not in it is dropped.
    """
    protected: list[str] = []
    written: list[str] = []  # what each protected markup stands for, as written

    def protect(markup: str, source: str = "") -> str:
        protected.append(markup)
        written.append(source)
        return _TOKEN.format(len(protected) - 1)

    def link(match: re.Match[str]) -> str:
        # A target is checked as written: ``\_`` in it is ``_``, not a token.
        url = _TOKEN_RE.sub(lambda token: written[int(token.group(1))], match.group(2))
        label, target = match.group(1), _link_target(url, anchors or {})
        if target is None:
            return label
        return protect(
            f'<link href="{escape_xml(target).replace(chr(34), "%22")}" '
            f'color="#2F6DB5"><u>{_emphasis(escape_xml(label))}</u></link>'
        )

    text = printable(text)
    text = _ESCAPED.sub(
        lambda match: protect(escape_xml(match.group(1)), match.group(1)), text
    )
    text = _CODE_SPAN.sub(
        lambda match: protect(
            f'<font face="{FONT_MONO}">{escape_xml(match.group(1))}</font>',
            match.group(0),
        ),
        text,
    )
    text = IMAGE.sub(lambda match: match.group(1), text)
    text = LINK.sub(link, text)
    text = _emphasis(escape_xml(text))
    while _TOKEN_RE.search(text):
        text = _TOKEN_RE.sub(lambda match: protected[int(match.group(1))], text)
    return text


def _link_target(url: str, anchors: Mapping[str, str]) -> str | None:
    """Return the ``href`` of a link in the PDF, or None to drop the link.

    Reportlab resolves ``#name`` to a destination of the document and fails the
    whole build on a name it does not have, so only known anchors link.
    """
    target = safe_href(url)
    if target is None or not target.startswith("#"):
        return target
    destination = anchors.get(target[1:])
    return None if destination is None else f"#{destination}"


def _emphasis(text: str) -> str:
    text = _BOLD.sub(r"<b>\2</b>", text)
    text = _ITALIC_STAR.sub(r"<i>\1</i>", text)
    text = _ITALIC_UNDERSCORE.sub(r"<i>\1</i>", text)
    return _STRIKE.sub(r"<strike>\1</strike>", text)


def fit(text: str, font: str, size: float, width: float) -> str:
    """Return ``text``, cut with an ellipsis when it is wider than ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(f"{text}\u2026", font, size) > width:
        text = text[:-1]
    return f"{text.rstrip()}\u2026"


# What Paragraph.wrap (and the breakLines it calls) leaves on the paragraph.
_LAYOUT_ATTRIBUTES = (
    "width",
    "height",
    "_wrapWidths",
    "blPara",
    "_width_max",
    "_splitLongWordCount",
    "_hyphenations",
)


class CachedParagraph(Paragraph):
    """A paragraph that breaks its lines once per width, however often it is wrapped.

    Laying out the report wraps most paragraphs several times at the same width: a
    ``KeepTogether`` measures its content before the frame places it, a table wraps
    its cells to size its rows, again for each part when it splits across pages and
    again to draw them, and ``multiBuild`` repeats all of it in every pass. Line
    breaking is the costliest step of the build and depends only on the text, the
    style and the width, so the first wrap at a width keeps what it set on the
    paragraph and later wraps at that width put it back. The memo lives on the
    paragraph, so it goes when the story does.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._layouts: dict[float, dict[str, object]] = {}

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's API
        layout = self._layouts.get(availWidth)
        if layout is not None:
            self.__dict__.update(layout)
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        # Too narrow a width returns early, having laid nothing out: keep nothing.
        if size[0] == availWidth:
            self._layouts[availWidth] = {
                name: self.__dict__[name]
                for name in _LAYOUT_ATTRIBUTES
                if name in self.__dict__
            }
        return size
