"""Repetition rules: every post says something of its own, in its own way.

A calendar whose posts share a body word for word, or open the same way again and
again, reads as a template to a client. These rules read the calendar as written,
so they guard any generator:

- ``post_bodies_unique``: no two posts share a body (the copy between the hook and
  the call to action), compared in lower case with spaces evened out.
- ``opening_frames_varied``: no opening frame (the first three words of a hook)
  opens more than a fifth of the posts; and when the calendar shows each post's type
  or theme, no type (a "Type" cell, or the theme's frame: the words before its colon,
  else its first three words) covers more than 40% of the posts.

Nothing here touches the database.
"""

from collections import defaultdict
from fractions import Fraction

from qc.dto import CheckData, SectionInput, Severity
from qc.posts import (
    TYPE_COLUMNS,
    calendar_posts,
    first_words,
    normalized,
    shorten,
    table_hooks,
    table_kinds,
)
from qc.rules import Rule, RuleContext

# A body shorter than this is a line, not a body; short lines may repeat.
MIN_BODY_WORDS = 6
# The largest share of a calendar's posts one opening frame may open.
MAX_FRAME_SHARE = Fraction(1, 5)
# The largest share of a calendar's posts one post type or theme may cover.
MAX_TYPE_SHARE = Fraction(2, 5)
# A frame or type shared by fewer posts than this is no repetition.
MIN_FRAME_USES = 2
FRAME_WORDS = 3
QUOTE_LIMIT = 4


def _calendar(ctx: RuleContext) -> SectionInput | None:
    layout = ctx.layout
    return ctx.sections.get(layout.calendar_section) if layout else None


def _listed(items: list[str], limit: int = QUOTE_LIMIT, separator: str = ", ") -> str:
    shown = separator.join(items[:limit])
    more = len(items) - limit
    joiner = " and" if separator == ", " else f"{separator.rstrip()} and"
    return shown + (f"{joiner} {more} more" if more > 0 else "")


def repr_name(name: str) -> str:
    """Return a post's name in quotes, as messages quote it."""
    return f"'{name}'"


# --- post_bodies_unique -----------------------------------------------------------


def _post_bodies(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    section = _calendar(ctx)
    if section is None:
        return [rule.passed("No calendar posts to compare.")]
    posts = calendar_posts(section)
    groups: dict[str, list[str]] = defaultdict(list)
    bodies: dict[str, str] = {}
    for post in posts:
        key = normalized(post.body)
        if len(key.split()) < MIN_BODY_WORDS:
            continue
        groups[key].append(post.name)
        bodies.setdefault(key, post.body)
    repeated = [(key, names) for key, names in groups.items() if len(names) > 1]
    if not repeated:
        compared = sum(len(names) for names in groups.values())
        return [rule.passed(f"All {compared} post bodies are distinct.", section.key)]
    problems = [
        f"{_listed([repr_name(n) for n in names])} share the body "
        f"'{shorten(bodies[key], 100)}'"
        for key, names in repeated
    ]
    copies = sum(len(names) for _, names in repeated)
    return [
        rule.failed(
            section.key,
            f"{copies} posts in '{section.title}' repeat another post's body word "
            f"for word: {_listed(problems, separator='; ')}.",
            "Write each post's body from its own substance (a different tip, "
            "proof point, question or story from the brief); if the brief has too "
            "little, publish fewer posts rather than copies.",
        )
    ]


# --- opening_frames_varied --------------------------------------------------------


def _hooks(section: SectionInput) -> list[tuple[str, str]]:
    """Each post's (name, hook): the table's hook column, else each post's copy."""
    hooks = table_hooks(section)
    if hooks:
        return hooks
    return [(post.name, post.hook) for post in calendar_posts(section) if post.hook]


def _theme_frame(theme: str) -> str:
    """A theme's frame: "Myth vs fact: X" gives "myth vs fact"; else its first words."""
    head, colon, _ = theme.partition(":")
    if colon and len(head.split()) <= 5:
        return " ".join(normalized(head).split())
    return first_words(theme, FRAME_WORDS)


def _overused(
    keyed: list[tuple[str, str, str]], limit: Fraction
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys that more than ``limit`` of the entries share, most used first.

    A key used once is no repetition, however short the calendar: a frame must
    start at least :data:`MIN_FRAME_USES` posts to count.
    """
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, key, shown in keyed:
        if key:
            groups[key].append((name, shown))
    total = len(keyed)
    over = [
        (k, v)
        for k, v in groups.items()
        if len(v) >= MIN_FRAME_USES and Fraction(len(v), total) > limit
    ]
    return sorted(over, key=lambda item: -len(item[1]))


def _frames(rule: Rule, ctx: RuleContext) -> list[CheckData]:
    section = _calendar(ctx)
    if section is None:
        return [rule.passed("No calendar posts to compare.")]
    hooks = _hooks(section)
    keyed = [(name, first_words(hook, FRAME_WORDS), hook) for name, hook in hooks]
    problems = []
    for frame, uses in _overused(keyed, MAX_FRAME_SHARE) if keyed else []:
        examples = _listed([f"{name} '{shorten(hook, 60)}'" for name, hook in uses], 3)
        problems.append(
            f"the opening '{frame}' starts {len(uses)} of {len(keyed)} posts "
            f"(more than a fifth): {examples}"
        )
    column, kinds = table_kinds(section)
    by_type = column.casefold() in TYPE_COLUMNS
    typed = [
        (name, normalized(value) if by_type else _theme_frame(value), value)
        for name, value in kinds
    ]
    for kind, uses in _overused(typed, MAX_TYPE_SHARE) if typed else []:
        problems.append(
            f"the {column.casefold()} '{kind}' covers {len(uses)} of {len(typed)} "
            f"posts (more than 40%): {_listed([name for name, _ in uses], 3)}"
        )
    if problems:
        return [
            rule.failed(
                section.key,
                f"Posts in '{section.title}' repeat their frame: "
                + "; ".join(problems)
                + ".",
                "Open each post its own way (a question, a number, a scene, a "
                "customer's words) so no three-word opening starts more than a "
                "fifth of the posts, and spread the posts over more types, none "
                "above 40% of the calendar.",
            )
        ]
    if not keyed:
        return [rule.passed("No hooks to compare.", section.key)]
    return [
        rule.passed(
            f"No opening frame starts more than a fifth of the {len(keyed)} posts"
            + (f", and no {column.casefold()} covers more than 40%" if typed else "")
            + ".",
            section.key,
        )
    ]


RULES: tuple[Rule, ...] = (
    Rule("post_bodies_unique", Severity.MAJOR, _post_bodies),
    Rule("opening_frames_varied", Severity.MINOR, _frames),
)
