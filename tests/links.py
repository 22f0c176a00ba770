"""Link targets for the renderers' tests: the ones that must go and the ones that stay.

Every renderer of draft Markdown (the PDF, the HTML report, the admin) gets the same
section body, :data:`BODY`: one paragraph per link, each link's text a word found
nowhere else, so a test can tell that the text stayed once its target went.
"""

from html.parser import HTMLParser

# (text, target as written): links every renderer must drop, keeping the text.
UNSAFE = (
    ("scriptlink", "javascript:alert(1)"),
    ("mixedcase", "JaVaScRiPt:alert(1)"),
    ("vbslink", "vbscript:msgbox(1)"),
    ("datalink", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
    ("filelink", "file:///etc/passwd"),
    ("pdflink", "pdf:other.pdf"),
    ("protocolrelative", "//evil.example/x"),
    ("relativepath", "../admin/"),
    ("rootedpath", "/admin/"),
    ("decimalentity", "&#106;avascript:alert(1)"),
    ("hexentity", "&#x6A;avascript:alert(1)"),
    ("entitytab", "java&#9;script:alert(1)"),
    ("namedtab", "java&Tab;script:alert(1)"),
    ("doubleencoded", "&amp;#106;avascript:alert(1)"),
    ("controlchar", "\x01javascript:alert(1)"),
    ("telephone", "tel:+441130000000"),
    ("ftplink", "ftp://files.example/x"),
    ("emptytarget", "<>"),
)
# (text, target as written, target as linked): links every renderer keeps.
SAFE = (
    (
        "websafe",
        "https://kiln.example/menu?a=1&b=2",
        "https://kiln.example/menu?a=1&b=2",
    ),
    ("plainsafe", "HTTP://kiln.example/", "HTTP://kiln.example/"),
    ("mailsafe", "mailto:hello@kiln.example", "mailto:hello@kiln.example"),
    ("encodedsafe", "&#104;ttps://kiln.example/e", "https://kiln.example/e"),
)
# (text, anchor): in-document anchors. Both reports have the contents and a section
# keyed ``overview``; ``#nowhere`` leads nowhere (the HTML keeps it, harmlessly; the
# PDF cannot link a destination it does not have).
ANCHORS = (
    ("contentsanchor", "#contents"),
    ("overviewanchor", "#overview"),
    ("nowhereanchor", "#nowhere"),
)
IMAGE_TEXT = "roasteryphoto"

BODY = "\n\n".join(
    [
        *(f"Read [{text}]({target}) here." for text, target in UNSAFE),
        *(f"Read [{text}]({target}) here." for text, target, _linked in SAFE),
        *(f"Read [{text}]({target}) here." for text, target in ANCHORS),
        f"Look ![{IMAGE_TEXT}](https://kiln.example/roastery.jpg) here.",
        f"Look ![{IMAGE_TEXT}2](javascript:alert(1)) here.",
    ]
)
LINK_TEXTS = (
    *(text for text, _target in UNSAFE),
    *(text for text, _target, _linked in SAFE),
    *(text for text, _target in ANCHORS),
    IMAGE_TEXT,
    f"{IMAGE_TEXT}2",
)
SAFE_LINKED = [linked for _text, _target, linked in SAFE]


class LinkReader(HTMLParser):
    """Read the links, images and text inside the first element ``start`` accepts.

    ``start(tag, attributes)`` picks the element (a report's ``<section>``, the
    admin's rendered draft); ``links`` holds ``(href, text)`` per ``<a>``, in order,
    with ``href`` None when the element has none.
    """

    def __init__(self, start) -> None:
        super().__init__(convert_charrefs=True)
        self._start = start
        self._tag: str | None = None
        self._depth = 0
        self._done = False
        self._link: list | None = None
        self.links: list[tuple[str | None, str]] = []
        self.images = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self._tag is None:
            if not self._done and self._start(tag, attributes):
                self._tag, self._depth = tag, 1
            return
        if tag == self._tag:
            self._depth += 1
        if tag == "a":
            self._link = [attributes.get("href"), ""]
        elif tag == "img":
            self.images += 1

    def handle_endtag(self, tag):
        if self._tag is None:
            return
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], self._link[1]))
            self._link = None
        if tag == self._tag:
            self._depth -= 1
            if not self._depth:
                self._tag, self._done = None, True

    def handle_data(self, data):
        if self._tag is None:
            return
        self.text.append(data)
        if self._link is not None:
            self._link[1] += data


def read_links(page: str, start) -> LinkReader:
    """Return a :class:`LinkReader` fed ``page``."""
    reader = LinkReader(start)
    reader.feed(page)
    reader.close()
    return reader
