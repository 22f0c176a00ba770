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

MARGIN = 18 * mm
TOP_MARGIN = 22 * mm
BOTTOM_MARGIN = 20 * mm
COVER_MARGIN = 25 * mm
# A table goes on landscape pages when a portrait page would make it this many times
# as tall, and taller by this share of a portrait page (see
# delivery.pdf.tables.fitted_table); the rest of its section stays portrait.
LANDSCAPE_TABLE_STRETCH = 1.3
LANDSCAPE_TABLE_SAVING = 0.25
# A section opens on its landscape table's page when the text before the table takes
# no more than this share of that page.
LANDSCAPE_LEAD_SHARE = 1 / 3
# A table split across pages keeps at least this many body rows on each side.
MIN_SPLIT_ROWS = 2
# The least share of its frame a page may fill. Below it a page reads as near-empty:
# the last page of the report and the last one before a change of orientation are
# held to it by keeping their closing blocks together.
MIN_PAGE_FILL = 0.2
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
            # Sections flow on; the space above a section's heading is dropped at
            # the top of a page, as all space before is.
            spaceBefore=22,
            spaceAfter=4,
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
            # The box's padding takes 6 of these points below it.
            spaceAfter=16,
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
