"""Safety rules: no copy asks children to be creators or to put themselves online.

When a brief's audience or offer involves under-18s (students, pupils, learners,
children, kids, teens, "Year 7" to "Year 13", GCSE, A-level, under-16s, "aged 2-3"),
the plan may speak to their parents, carers and teachers, but never invite the
young people themselves to be creators, influencers or ambassadors, or to post,
film or share content of themselves. A director refuses such a plan outright.
The rule reads the draft as written, so it guards any generator:

- ``minor_safety``: in such a brief, no line of any section (prose, list item or
  table row) pairs a young person ("learners", "students", "your child", "Year
  11s") with a creator role or with posting, filming or sharing themselves.
  "Parents of Year 10 and Year 11 students" names adults and does not count, nor
  do creators hired to reach those parents.

Nothing here touches the database.
"""

import re
from collections.abc import Iterator

from aicmo_site.writing.markdown import plain_text
from qc.dto import CheckData, Severity
from qc.posts import sentences, shorten
from qc.rules import Rule, RuleContext, prose_lines

QUOTE_LIMIT = 5
ADULT_AGE = 18

# Words in a brief's audience or offer that put under-18s in the campaign.
_MINOR_BRIEF = re.compile(
    r"\b(?:students?|pupils?|learners?|school ?children|children|child|kids?"
    r"|teens?|teenagers?|teenage|youngsters?|young people|juniors?|minors?"
    r"|years?\s+(?:[7-9]|1[0-3])\b|GCSEs?|A[- ]levels?|11\+"
    r"|under-1[0-8]s?|under\s+1[0-8](?:s|\s*(?:year|yr)s?[- ]olds?))\b",
    re.IGNORECASE,
)
# A stated age: "aged 2-3", "ages 12-15", "11–16 year olds", "a 14-year-old".
_AGE = re.compile(
    r"\bage[sd]?\s+(?P<low>\d{1,2})(?:\s*(?:[-–]|to)\s*(?P<high>\d{1,2}))?\b"
    r"|\b(?P<from>\d{1,2})(?:\s*(?:[-–]|to)\s*\d{1,2})?[- ]?(?:year|yr)s?[- ]olds?\b",
    re.IGNORECASE,
)
# Students who are adults: "adult learners", "university students".
_ADULT_STUDENTS = re.compile(
    r"\b(?:adult|mature|university|undergraduate|postgraduate|graduate|uni)"
    r"\s+(?:students?|learners?|pupils?)\b",
    re.IGNORECASE,
)
_STUDENT = re.compile(r"^(?:students?|pupils?|learners?)$", re.IGNORECASE)
# A young person named in copy, as the one who would act.
_MINOR = (
    r"(?:students?|pupils?|learners?|school ?children|children|child(?:ren)?|kids?"
    r"|teens?|teenagers?|youngsters?|young people|juniors?|sons?|daughters?"
    r"|years?\s+(?:[7-9]|1[0-3])s?\b|year\s+(?:[7-9]|1[0-3])\s+students)"
)
_MINOR_WORD = re.compile(rf"\b{_MINOR}\b", re.IGNORECASE)
# Adults named through the young people they look after: "parents of Year 10 and
# Year 11 students", "carers and parents of children aged 2-3".
_ADULT = (
    r"(?:parents?|carers?|guardians?|families|mums?|dads?|mothers?|fathers?"
    r"|teachers?|tutors?)"
)
# Every repeat is bounded, so a long run of "parents and parents and …" costs linear
# time, not quadratic.
_ADULTS_OF_MINORS = re.compile(
    rf"\b{_ADULT}(?:\s{{0,3}}(?:,|and|or|&)\s{{1,3}}{_ADULT}){{0,5}}\s{{1,3}}of\s+"
    rf"(?:[\w'’-]{{1,40}}\s+){{0,8}}{_MINOR}(?:\s+aged\s+[\d\s–-]{{1,12}})?",
    re.IGNORECASE,
)
# A creator role; and posting, filming or sharing content of oneself.
_ROLE = re.compile(
    r"\b(?:creators?|influencers?|ambassadors?|brand reps?|user-generated|UGC)\b",
    re.IGNORECASE,
)
# Filming is making content whatever is filmed; posting and sharing count when
# what is posted is their own: themselves, a video, their story, their results.
_SELF_POSTING = re.compile(
    r"\b(?:film|filming|filmed|vlog\w*|upload\w*|selfies?|go(?:es|ing)? live)\b"
    r"|\brecord(?:s|ing|ed)?\s+(?:themselves|yourself|yourselves|a video|videos"
    r"|a clip|clips|their|your)\b"
    r"|\b(?:post|posting|posts|share|sharing|shares|tag|tagging|tags)\b"
    r"[^.;:!?]{0,40}?\b(?:themselves|yourself|yourselves|their own|your own"
    r"|videos?|photos?|pictures?|reels?|tiktoks?|clips?|stories|story"
    r"|experiences?|results|grades)\b",
    re.IGNORECASE,
)


# A sentence that rules the invitation itself out, or limits it to adults, invites
# no one: "Under-18s are never invited to be creators", "no one under 18 is
# invited", "former students now over 18". A negation elsewhere ("how to avoid exam
# stress", "students, not parents") leaves the invitation standing.
_INVITING = (
    r"(?:invit\w*|ask\w*|recruit\w*|encourag\w*|allow\w*|let|permit\w*"
    r"|feature\w*|film\w*|work(?:s|ing)? with|use[sd]?|pay|paid|involv\w*)"
)
_RULED_OUT = re.compile(
    r"\b(?:never|no one|nobody|none|not|don['’]t|do not|must not|should not"
    r"|cannot|can['’]t|avoid)\b(?:\s+[\w'’-]{1,30}){0,4}?\s+"
    + _INVITING
    + r"\b|\b(?:is|are)\s+(?:strictly\s+)?(?:forbidden|prohibited|not allowed"
    r"|not permitted)\b|\bover 18\b|\b18\+|\baged 18\b|\badults? only\b",
    re.IGNORECASE,
)


def _lowest_age(text: str) -> int | None:
    """The lowest age a text states ("aged 18-24" gives 18), or None."""
    ages = [int(m.group("low") or m.group("from")) for m in _AGE.finditer(text)]
    return min(ages, default=None)


def _names_minors(match: re.Match[str], text: str, lowest: int | None) -> bool:
    """Whether a brief word names under-18s.

    Not "university students", nor students whose stated ages start at 18 or over.
    """
    if not _STUDENT.match(match.group(0)):
        return True
    adults = any(
        m.start() <= match.start() < m.end() for m in _ADULT_STUDENTS.finditer(text)
    )
    return not adults and (lowest is None or lowest < ADULT_AGE)


def minors_in_brief(audience: str, offer: str) -> str | None:
    """Return the words that put under-18s in the brief, or None if none do."""
    for text in (audience, offer):
        lowest = _lowest_age(text)
        for match in _MINOR_BRIEF.finditer(text):
            if _names_minors(match, text, lowest):
                return match.group(0)
        for age in _AGE.finditer(text):
            if int(age.group("low") or age.group("from")) < ADULT_AGE:
                return age.group(0)
    return None


def invitations(line: str) -> Iterator[str]:
    """Yield the sentences of a line that invite a young person to create or post.

    A creator role counts with a young person anywhere in the sentence ("Customers
    as creators: learners sharing…"); posting or filming counts when a young person
    comes before it, as the one who acts ("students film their…"), not when the
    client shares "two learner stories". A sentence that forbids it ("never",
    "not") or names adults only ("over 18") invites no one.
    """
    for sentence in sentences(line) or [line]:
        if _RULED_OUT.search(sentence):
            continue
        text = _ADULTS_OF_MINORS.sub(" ", sentence)
        minor = _MINOR_WORD.search(text)
        if minor is None:
            continue
        posting = _SELF_POSTING.search(text, minor.start())
        if _ROLE.search(text) or posting is not None:
            yield sentence


_LIST_MARKER = re.compile(r"^(?:[-*+]|\d+[.)])\s+")


def _lines(body: str) -> Iterator[str]:
    """The section's lines as plain text; a table row gives one line per cell."""
    for line in prose_lines(body):
        cells = line.strip().strip("|").split("|") if "|" in line else [line]
        for cell in cells:
            text = " ".join(plain_text(_LIST_MARKER.sub("", cell.strip())).split())
            if text:
                yield text


def _minor_safety(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    brief = ctx.brief
    trigger = minors_in_brief(brief.target_audience, brief.primary_offer)
    if trigger is None:
        return [rule.passed("The brief's audience and offer involve no under-18s.")]
    checks = []
    for section in ctx.written_sections():
        found: list[str] = []
        for line in _lines(section.body):
            found += [f"'{shorten(s, 120)}'" for s in invitations(line)]
        found = list(dict.fromkeys(found))
        if not found:
            continue
        more = len(found) - QUOTE_LIMIT
        checks.append(
            rule.failed(
                section.key,
                f"'{section.title}' invites under-18s to create or post content "
                f"(the brief involves them: '{trigger}'): "
                + "; ".join(found[:QUOTE_LIMIT])
                + (f"; and {more} more" if more > 0 else "")
                + ".",
                "Recruit only adults as creators and voices (parents, carers, "
                "teachers, tutors, staff); never ask young people to post, film or "
                "share themselves; share a young person's result only as a written, "
                "anonymised quote with a parent's consent.",
            )
        )
    return checks or [
        rule.passed(
            f"The brief involves under-18s ('{trigger}'); no copy invites them to "
            "create or post content."
        )
    ]


RULES: tuple[Rule, ...] = (Rule("minor_safety", Severity.BLOCKER, _minor_safety),)
