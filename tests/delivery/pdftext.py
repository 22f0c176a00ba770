"""Read the text of the PDFs reportlab writes, page by page, in pure Python.

Enough of PDF for these tests (no pypdf in the project): objects, the flat page tree
reportlab writes, ``ASCII85Decode``/``FlateDecode`` streams, and the strings shown by
``Tj``/``TJ`` in base-14 fonts (WinAnsi, read as cp1252), with where each is placed
(the ``q``/``Q``/``cm`` graphics state and the ``Tm``/``Td``/``T*`` text position).
"""

import base64
import re
import zlib

# "N 0 obj" holds spaces, which ASCII85 stream data never does.
_OBJECT_HEADER = re.compile(rb"^(\d+) 0 obj\b", re.MULTILINE)
_STREAM = re.compile(rb"^(.*?)stream\r?\n(.*?)\s*endstream$", re.DOTALL)
_REFERENCE = re.compile(rb"(\d+) 0 R")
_STRING_OR_OPERATOR = re.compile(rb"\((?:\\.|[^\\)])*\)|\bT[Jj]\b|\[|\]", re.DOTALL)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _objects(pdf: bytes) -> dict[int, bytes]:
    headers = list(_OBJECT_HEADER.finditer(pdf))
    ends = [header.start() for header in headers[1:]] + [pdf.rindex(b"\nxref")]
    return {
        int(header.group(1)): pdf[header.end() : end]
        .strip()
        .removesuffix(b"endobj")
        .strip()
        for header, end in zip(headers, ends, strict=True)
    }


def _stream(body: bytes) -> bytes:
    match = _STREAM.match(body)
    assert match, "not a stream object"
    header, data = match.groups()
    if b"/ASCII85Decode" in header:
        data = base64.a85decode(data.strip(), adobe=not data.strip().startswith(b"<~"))
    if b"/FlateDecode" in header:
        data = zlib.decompress(data)
    return data


def _unescape(literal: bytes) -> str:
    def replace(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code.isdigit():
            return bytes([int(code, 8)])
        return _ESCAPES.get(code, code if code != b"\n" else b"")

    return _ESCAPE.sub(replace, literal[1:-1]).decode("cp1252")


def _shown_strings(content: bytes) -> list[str]:
    """Return the text each ``Tj``/``TJ`` shows, in drawing order."""
    shown: list[str] = []
    pending: list[str] = []
    in_array = False
    for token in _STRING_OR_OPERATOR.findall(content):
        if token == b"[":
            in_array, pending = True, []
        elif token == b"]":
            in_array = False
        elif token in (b"Tj", b"TJ"):
            shown.append("".join(pending))
            pending = []
        elif token.startswith(b"("):
            pending = [*pending, _unescape(token)] if in_array else [_unescape(token)]
    return shown


def _page_ids(objects: dict[int, bytes]) -> list[int]:
    # reportlab writes one flat page tree.
    tree = next(body for body in objects.values() if b"/Type /Pages" in body)
    kids = re.search(rb"/Kids\s*\[(.*?)\]", tree, re.DOTALL)
    assert kids, "no page list"
    return [int(number) for number in _REFERENCE.findall(kids.group(1))]


def _pages(objects: dict[int, bytes]) -> list[bytes]:
    return [objects[number] for number in _page_ids(objects)]


def page_texts(pdf: bytes) -> list[list[str]]:
    """Return, for each page in order, the strings drawn on it."""
    objects = _objects(pdf)
    pages = []
    for page in _pages(objects):
        contents = re.search(rb"/Contents\s+(\d+) 0 R", page)
        assert contents, "page without contents"
        pages.append(_shown_strings(_stream(objects[int(contents.group(1))])))
    return pages


def page_lines(pdf: bytes) -> list[str]:
    """Return each page's text: its strings joined by newlines, spaces normalised."""
    return [
        "\n".join(" ".join(text.replace("\xa0", " ").split()) for text in page)
        for page in page_texts(pdf)
    ]


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Return each page's width and height in points, in order."""
    sizes = []
    for page in _pages(_objects(pdf)):
        box = re.search(rb"/MediaBox\s*\[\s*([\d.\s-]+)\]", page)
        assert box, "page without a media box"
        x0, y0, x1, y1 = (float(value) for value in box.group(1).split())
        sizes.append((x1 - x0, y1 - y0))
    return sizes


def link_targets(pdf: bytes, page_number: int) -> list[int]:
    """Return the page numbers (from 1) that the links on a page jump to, in order."""
    objects = _objects(pdf)
    page_ids = _page_ids(objects)
    annotations = re.search(
        rb"/Annots\s*\[(.*?)\]", objects[page_ids[page_number - 1]], re.DOTALL
    )
    if annotations is None:
        return []
    targets = []
    for number in _REFERENCE.findall(annotations.group(1)):
        destination = re.search(rb"/Dest\s*\[\s*(\d+) 0 R", objects[int(number)])
        if destination:
            targets.append(page_ids.index(int(destination.group(1))) + 1)
    return targets


def link_uris(pdf: bytes, page_number: int) -> list[str]:
    """Return the URIs that the links on a page open, in order."""
    objects = _objects(pdf)
    page_ids = _page_ids(objects)
    annotations = re.search(
        rb"/Annots\s*\[(.*?)\]", objects[page_ids[page_number - 1]], re.DOTALL
    )
    if annotations is None:
        return []
    uris = []
    for number in _REFERENCE.findall(annotations.group(1)):
        uri = re.search(rb"/URI\s*(\((?:\\.|[^\\)])*\))", objects[int(number)])
        if uri:
            uris.append(_unescape(uri.group(1)))
    return uris


_TOKEN = re.compile(
    rb"\((?:\\.|[^\\)])*\)|/[^\s/\[\]()<>]+|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z*'\"]+|\[|\]",
    re.DOTALL,
)


def _multiply(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    """Return the PDF matrix product ``a × b`` (row vectors, as PDF composes them)."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _placed_strings(content: bytes) -> list[tuple[float, float, str]]:
    """Return ``(x, y, text)`` for each string shown, at its baseline's start."""
    identity: tuple[float, ...] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    ctm, stack = identity, []
    line = identity  # the text line matrix; Tj moves along the line, not off it
    leading = 0.0
    operands: list[bytes] = []
    pending: list[str] = []
    in_array = False
    placed: list[tuple[float, float, str]] = []
    for token in _TOKEN.findall(content):
        if token == b"[":
            in_array, pending = True, []
        elif token == b"]":
            in_array = False
        elif token.startswith(b"("):
            pending = [*pending, _unescape(token)] if in_array else [_unescape(token)]
        elif token[:1] == b"/" or token[:1] in b"+-.0123456789":
            operands.append(token)
            continue
        else:
            numbers = [float(value) for value in operands if value[:1] != b"/"]
            if token == b"q":
                stack.append(ctm)
            elif token == b"Q":
                ctm = stack.pop()
            elif token == b"cm":
                ctm = _multiply(tuple(numbers[-6:]), ctm)
            elif token == b"BT":
                line = identity
            elif token == b"Tm":
                line = tuple(numbers[-6:])
            elif token == b"TL":
                leading = numbers[-1]
            elif token == b"Td":
                line = _multiply((1, 0, 0, 1, *numbers[-2:]), line)
            elif token == b"T*":
                line = _multiply((1, 0, 0, 1, 0, -leading), line)
            elif token in (b"Tj", b"TJ"):
                placed_at = _multiply(line, ctm)
                placed.append((placed_at[4], placed_at[5], "".join(pending)))
                pending = []
            operands = []
    return placed


def page_placed_strings(pdf: bytes) -> list[list[tuple[float, float, str]]]:
    """Return, for each page in order, ``(x, y, text)`` for every string drawn on it.

    ``x`` and ``y`` are where the string's baseline starts, in points from the
    page's lower left corner.
    """
    objects = _objects(pdf)
    pages = []
    for page in _pages(objects):
        contents = re.search(rb"/Contents\s+(\d+) 0 R", page)
        assert contents, "page without contents"
        pages.append(_placed_strings(_stream(objects[int(contents.group(1))])))
    return pages
