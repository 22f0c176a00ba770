"""Link targets in draft Markdown: which of them a rendered report may keep.

Sections carry text from briefs and from operators' amendments, and every renderer of
draft Markdown turns its links into live targets: the PDF, the HTML report and the
admin's draft view. They all ask :func:`safe_href`. Only ``http:``, ``https:``,
``mailto:`` and in-document anchors (``#...``) survive; every other target
(``javascript:``, ``data:``, ``file:``, ``vbscript:``, protocol-relative ``//host``,
relative paths, targets with control characters) is dropped and the link's text
stays, as plain text. Images are never loaded: every renderer shows their alt text,
as the PDF always has.

The renderers built on python-markdown register :class:`SafeLinks`, which applies
the same rules to the tree python-markdown builds.
"""

import html
import re
import unicodedata
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

_SAFE_TARGET = re.compile(r"^(?:#|(?:https?|mailto):)", re.ASCII | re.IGNORECASE)
# URL parsers drop tabs and line breaks anywhere, and C0 controls and spaces at
# either end, before they read a scheme: ``java\tscript:`` is ``javascript:``.
_DROPPED_ANYWHERE = str.maketrans("", "", "\t\n\r")
_STRIPPED_AT_ENDS = "".join(chr(code) for code in range(0x21))
# More layers of character references than this hide something; no link needs them.
_MAX_DECODES = 4


def safe_href(url: str) -> str | None:
    """Return the target a renderer may link ``url`` to, or None to drop the link.

    ``url`` is read the way a browser reads it, so no spelling hides a scheme:
    character references are decoded (again, while any is left: ``&amp;#106;`` is
    ``j`` too), tabs and line breaks are removed, controls and spaces at either end
    are stripped. What is left must start with ``#``, ``http:``, ``https:`` or
    ``mailto:`` in any case (ASCII letters only), and hold no control character.

    Args:
        url: A link target as written in Markdown, or as a Markdown library parsed it.

    Returns:
        The decoded target (for the renderer to escape as its output needs), or None
        if the link must be dropped and its text kept as plain text.
    """
    text = url.translate(_DROPPED_ANYWHERE)
    for _ in range(_MAX_DECODES):
        # Removing a tab can make a reference (``&#1<tab>06;``): decode until
        # neither step changes anything, so the target emitted is the one checked.
        decoded = html.unescape(text).translate(_DROPPED_ANYWHERE)
        if decoded == text:
            break
        text = decoded
    else:
        return None
    text = text.strip(_STRIPPED_AT_ENDS)
    if not _SAFE_TARGET.match(text):
        return None
    if any(unicodedata.category(char) == "Cc" for char in text):
        return None
    return text


class _SafeLinksProcessor(Treeprocessor):
    """Keep safe link targets (decoded); unwrap other links and every image."""

    def run(self, root: Element) -> None:
        _clean(root)


def _clean(parent: Element) -> None:
    children = list(parent)
    # Children first, so whatever an unwrapped element hands up is clean already.
    for child in children:
        _clean(child)
    unwrapped: dict[int, str] = {}
    for index, child in enumerate(children):
        if child.tag == "img":
            unwrapped[index] = child.get("alt") or ""
        elif child.tag == "a":
            href = safe_href((child.get("href") or "").replace(AMP_SUBSTITUTE, "&"))
            if href is None:
                unwrapped[index] = child.text or ""
            else:
                child.set("href", href)
    if unwrapped:
        _rebuild(parent, children, unwrapped)


def _rebuild(parent: Element, children: list[Element], texts: dict[int, str]) -> None:
    """Replace each child whose index ``texts`` holds by that text and its content.

    One pass over the children, so a paragraph of many dropped links stays linear.
    """
    kept: list[Element] = []
    pending: list[str] = [parent.text or ""]

    def flush() -> None:
        text = "".join(pending) or None
        pending.clear()
        if kept:
            kept[-1].tail = text
        else:
            parent.text = text

    def keep(element: Element) -> None:
        flush()
        kept.append(element)
        pending.append(element.tail or "")

    for index, child in enumerate(children):
        if index not in texts:
            keep(child)
            continue
        pending.append(texts[index])
        for grandchild in list(child):
            keep(grandchild)
        pending.append(child.tail or "")
    flush()
    parent[:] = kept


class SafeLinks(Extension):
    """A python-markdown extension applying :func:`safe_href` to links and images.

    It runs after python-markdown has restored escaped characters, on the finished
    tree: an ``<a>`` whose target :func:`safe_href` refuses is replaced by its
    content, and an ``<img>`` by its alt text.
    """

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - API name
        """Register the link check after every built-in tree processor."""
        md.treeprocessors.register(_SafeLinksProcessor(md), "aicmo_safe_links", -1)
