"""What stays together on a page: lead-ins with what they introduce, closing blocks.

Reportlab places flowables one after another and breaks the page where the next one
does not fit. Two groupings keep that from leaving a page looking unfinished:

- :class:`LeadIn`: a heading, or a paragraph that introduces what follows ("**Budget**",
  "Do:"), is never the last thing on a page. It moves on with the start of what it
  introduces: the first lines of a paragraph, the first rows of a table, or the whole
  of something that must not split, such as a post.
- :func:`closing_group`: the blocks that end a run of pages (the report's end, or the
  last blocks before a change of orientation) are kept together until they fill
  :data:`~delivery.pdf.styles.MIN_PAGE_FILL` of a page, so that run's last page is
  never near-empty.

:func:`height` estimates a flowable's height at a width before layout, for both.
"""

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether

from delivery.pdf.tables import ReportTable

_UNBOUNDED = 1e9


class LeadIn(Flowable):
    """Flowables that must not end a page, kept with the start of what follows.

    Laid out, it hands its parts to the frame: all of them when they fit, else the
    lead-in with the first piece of ``following`` that fits below it, else nothing,
    so the frame moves the whole to the next page. At the top of a page it hands
    them over as they are, since no page has more room.
    """

    def __init__(self, lead: Sequence[Flowable], following: Flowable) -> None:
        super().__init__()
        self.lead: list[Flowable] = list(lead)
        self.following: Flowable = following
        # A lead-in to a lead-in leads into what that one introduces.
        if isinstance(following, LeadIn):
            self.lead += following.lead
            self.following = following.following

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's API
        # Too tall for any frame: the frame then always asks for a split, which
        # is where the parts are placed (as KeepTogether does).
        return availWidth, 0xFFFFFF

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 - reportlab's API
        parts = [*self.lead, self.following]
        frame = getattr(self, "_frame", None)
        if frame is None or frame._atTop:
            return parts
        lead = sum(height(flowable, availWidth) for flowable in self.lead)
        if lead + height(self.following, availWidth) <= availHeight:
            return parts
        room = availHeight - lead - self.following.getSpaceBefore()
        if room <= 0 or isinstance(self.following, KeepTogether):
            return []
        pieces = self.following.splitOn(self.canv, availWidth, room)
        return [*self.lead, *pieces] if pieces else []

    def draw(self) -> None:
        return


class Keep(KeepTogether):
    """Flowables kept on one page, measured on the safe side (see :func:`height`).

    Reportlab's own measure leaves out the space above a flowable that follows a
    zero-height one (a section's anchor, then its heading), though the frame adds
    it, so a group it judged to fit could still break across pages.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's API
        size = super().wrap(availWidth, availHeight)
        self._H = sum(height(part, availWidth) for part in self._content)
        return size


def height(flowable: Flowable, width: float) -> float:
    """Return the room ``flowable`` takes at ``width``, its space around included.

    The estimate is on the safe side: space between neighbours is counted in full,
    where a frame lets the larger of two touching spaces stand for both.
    """
    if isinstance(flowable, LeadIn):
        return sum(height(part, width) for part in [*flowable.lead, flowable.following])
    if isinstance(flowable, KeepTogether):
        return sum(height(part, width) for part in flowable._content)
    _, tall = flowable.wrapOn(None, width, _UNBOUNDED)
    return tall + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def closing_group(
    flowables: Sequence[Flowable], width: float, *, least: float, most: float
) -> list[Flowable]:
    """Return ``flowables`` with the last ones kept together to fill ``least`` points.

    Kept together, they move to a new page together, so the run's last page holds
    at least ``least`` points. Blocks taller than a page (``most`` points) cannot be
    kept together; a closing table that tall keeps ``least`` points of rows for its
    last page instead (see :class:`~delivery.pdf.tables.ReportTable`).
    """
    if not flowables:
        return []
    last = flowables[-1]
    table = last.following if isinstance(last, LeadIn) else last
    if isinstance(table, ReportTable):
        table.min_tail_height = least
    taken, total = 0, 0.0
    for flowable in reversed(flowables):
        taken += 1
        total += height(flowable, width)
        if total >= least:
            break
    if total > most:
        return list(flowables)
    kept = [part for flowable in flowables[-taken:] for part in _parts(flowable)]
    return [*flowables[:-taken], Keep(kept)]


def _parts(flowable: Flowable) -> list[Flowable]:
    """Return the plain flowables a group holds, for a group around it.

    A group reports itself taller than any page so that the frame asks it to split;
    inside another group that would read as "too tall to keep together".
    """
    if isinstance(flowable, LeadIn):
        return [
            part
            for inner in [*flowable.lead, flowable.following]
            for part in _parts(inner)
        ]
    if isinstance(flowable, KeepTogether):
        return [part for inner in flowable._content for part in _parts(inner)]
    return [flowable]
