"""What the PDF shows: the report and its sections, as plain values."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PdfSection:
    """A section to render: its title and its Markdown body (no heading).

    ``anchor`` is the section's id in the HTML report: a link to ``#<anchor>`` in
    any section leads to this one in the PDF too. Without one, no link leads here.
    """

    title: str
    body: str
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class PdfReport:
    """What the PDF shows: a cover, the contents, then every section in order.

    It carries no QC score or verdict: the report is what the client reads.

    ``generated_at`` (aware) becomes the PDF's creation date; ``date_label`` is the
    same moment as shown on the pages.
    """

    title: str
    client_name: str
    pack_label: str
    date_label: str
    prepared_by: str
    generated_at: dt.datetime
    sections: tuple[PdfSection, ...]
