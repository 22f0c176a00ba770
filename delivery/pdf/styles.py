"""The PDF's look: palette, page geometry, fonts and paragraph styles.

Every other module of the package draws with these names, so a change of colour, margin
or type size is made here once. The HTML report's CSS mirrors the palette.
"""

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#5F6B7A")
PRIMARY = colors.HexColor("#1E3A5F")
ACCENT = colors.HexColor("#2F6DB5")
RULE = colors.HexColor("#D5DCE4")
ZEBRA = colors.HexColor("#F3F6F9")
QUOTE_BG = colors.HexColor("#F5F7FA")
COVER_SOFT = colors.HexColor("#C9D8EA")
COVER_KICKER = colors.HexColor("#8CB8E8")
PASSED = colors.HexColor("#1E7B4F")
NOT_PASSED = colors.HexColor("#B42318")

MARGIN = 18 * mm
TOP_MARGIN = 22 * mm
BOTTOM_MARGIN = 20 * mm
COVER_MARGIN = 25 * mm
# A section holding a table this wide is set on landscape pages (in HTML, printed).
WIDE_TABLE_COLUMNS = 5
# Table type shrinks step by step until the table's longest words fit its page.
TABLE_FONT_SIZES = (8.5, 8.0, 7.5, 7.0)
FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
FONT_ITALIC = "Helvetica-Oblique"
FONT_MONO = "Courier"


def report_styles() -> dict[str, ParagraphStyle]:
    """Return the paragraph styles by name; table cells add sized variants later."""
    body = ParagraphStyle(
        "Body",
        fontName=FONT,
        fontSize=10,
        leading=14.5,
        textColor=INK,
        spaceAfter=6,
        alignment=TA_LEFT,
    )
    return {
        "body": body,
        "cover_kicker": ParagraphStyle(
            "CoverKicker",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            textColor=COVER_KICKER,
            spaceAfter=0,
        ),
        "cover_client": ParagraphStyle(
            "CoverClient",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=34,
            leading=39,
            textColor=colors.white,
            spaceAfter=0,
        ),
        "cover_title": ParagraphStyle(
            "CoverTitle",
            parent=body,
            fontSize=16,
            leading=21,
            textColor=COVER_SOFT,
            spaceAfter=0,
        ),
        "cover_for": ParagraphStyle(
            "CoverFor",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=15,
            leading=20,
            textColor=PRIMARY,
            spaceAfter=0,
        ),
        "cover_by": ParagraphStyle(
            "CoverBy",
            parent=body,
            fontSize=12,
            leading=16,
            textColor=MUTED,
            spaceAfter=0,
        ),
        "meta_label": ParagraphStyle(
            "MetaLabel",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=7.5,
            leading=10,
            textColor=MUTED,
            spaceAfter=2,
        ),
        "meta_value": ParagraphStyle(
            "MetaValue", parent=body, fontSize=11, leading=14, spaceAfter=0
        ),
        "contents_title": ParagraphStyle(
            "ContentsTitle",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=22,
            leading=27,
            textColor=PRIMARY,
            spaceAfter=2,
        ),
        "toc_number": ParagraphStyle(
            "TocNumber",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=15,
            textColor=ACCENT,
            spaceAfter=0,
        ),
        "toc_entry": ParagraphStyle(
            "TocEntry", parent=body, fontSize=11, leading=15, spaceAfter=0
        ),
        "toc_page": ParagraphStyle(
            "TocPage",
            parent=body,
            fontSize=11,
            leading=15,
            alignment=TA_RIGHT,
            spaceAfter=0,
        ),
        "h2": ParagraphStyle(
            "H2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=17,
            leading=21,
            textColor=PRIMARY,
            spaceBefore=4,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h3": ParagraphStyle(
            "H3",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=PRIMARY,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "h4": ParagraphStyle(
            "H4",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            textColor=INK,
            spaceBefore=8,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "list": ParagraphStyle("List", parent=body, spaceAfter=2),
        "quote": ParagraphStyle(
            "Quote",
            parent=body,
            fontName=FONT_ITALIC,
            textColor=MUTED,
            leftIndent=10,
            borderPadding=(6, 8, 6, 8),
            backColor=QUOTE_BG,
            spaceBefore=4,
            spaceAfter=10,
        ),
        "code": ParagraphStyle(
            "Code",
            parent=body,
            fontName=FONT_MONO,
            fontSize=8.5,
            leading=11,
            backColor=QUOTE_BG,
            borderPadding=6,
            spaceBefore=4,
            spaceAfter=10,
        ),
        "cell": ParagraphStyle(
            "Cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0
        ),
        "cell_head": ParagraphStyle(
            "CellHead",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=11,
            textColor=colors.white,
            spaceAfter=0,
        ),
    }
