"""post_bodies_unique and opening_frames_varied: the director's repeated posts fail."""

import datetime as dt

from qc import repetition_rules, rules, services
from qc.dto import CheckStatus, Severity
from tests.qc.conftest import make_brief, make_draft

START = dt.date(2027, 9, 6)
BODIES = (
    "Every bag is roasted to order in Bristol and posted within 48 hours.",
    "Pause, skip or cancel in two clicks from the account page, any day.",
    "The 250 g bag fits through the letterbox, so nobody waits in for it.",
    "Our head roaster tastes each batch before it leaves the roastery.",
    "Choose whole beans or a grind for your brewer when you order.",
    "The first bag is half price; every bag after it is £9.50.",
    "Each month brings a new single origin, with notes on how to brew it.",
    "Tell us what you liked and the next bag is chosen to match.",
    "Bristol water, Bristol roasters, beans from three continents.",
    "A card in every bag says when and by whom the coffee was roasted.",
)
HOOKS = (
    "Roasted on Monday, at your door on Wednesday",
    "Skipping a week takes two clicks",
    "No more waiting in for the postman",
    "Meet the palate behind every batch",
    "Whole bean or ground: your call",
    "Half price, then £9.50 a bag",
    "This month's origin is Huila, Colombia",
    "Your next bag, chosen by your last one",
    "Three continents, one Bristol roastery",
    "Who roasted your coffee, and when",
)


def calendar(posts, themes=None):
    """A dated table and each post's copy; ``posts`` are (hook, body) pairs."""
    table = [
        "| Date | Platform | Theme | Hook | CTA |",
        "| --- | --- | --- | --- | --- |",
    ]
    copy = ["### Post copy"]
    for index, (hook, body) in enumerate(posts):
        day = START + dt.timedelta(days=3 * index)
        theme = themes[index] if themes else f"Theme {index + 1}"
        table.append(
            f"| {day.isoformat()} | Instagram | {theme} | {hook} | Order now |"
        )
        copy.append(
            f"**{day:%a} {day.day} {day:%b} · Instagram · Reel**\n\n"
            f"> {hook}\n>\n> {body}\n>\n> Order now.\n>\n> #RoastersChoice"
        )
    return "\n\n".join(["Ten posts.", "\n".join(table), "\n\n".join(copy)])


def check(rule_id, body):
    draft = make_draft(bodies={"detailed_30_day_calendar": body})
    found = rules.run_rules(
        draft=draft, brief=make_brief(), rules=repetition_rules.RULES
    )
    [result] = [c for c in found if c.id == rule_id]
    return result


def test_the_rules_run_in_every_qc_result_with_their_severities():
    assert [(r.id, r.severity) for r in repetition_rules.RULES] == [
        ("post_bodies_unique", Severity.MAJOR),
        ("opening_frames_varied", Severity.MINOR),
    ]
    assert set(repetition_rules.RULES) <= set(services.QC_RULES)


# --- post_bodies_unique -----------------------------------------------------------


def test_posts_that_share_a_body_word_for_word_fail_with_both_posts_named():
    posts = list(zip(HOOKS, BODIES, strict=True))
    # Same words, other case and spacing: still the same body.
    posts[6] = (HOOKS[6], "  every BAG is roasted to order in Bristol and posted\n"
                "within 48 hours. ")  # fmt: skip

    found = check("post_bodies_unique", calendar(posts))

    assert (found.severity, found.status, found.section) == (
        Severity.MAJOR,
        CheckStatus.FAIL,
        "detailed_30_day_calendar",
    )
    assert found.message == (
        "2 posts in 'Detailed 30-Day Calendar' repeat another post's body word for "
        "word: 'Mon 6 Sep · Instagram · Reel', 'Fri 24 Sep · Instagram · Reel' share "
        "the body 'Every bag is roasted to order in Bristol and posted within 48 "
        "hours.'."
    )
    assert found.fix.startswith("Write each post's body from its own substance")


def test_distinct_bodies_pass_even_when_hooks_and_calls_to_action_repeat():
    posts = [("Fresh beans, every week", body) for body in BODIES]

    found = check("post_bodies_unique", calendar(posts))

    assert (found.status, found.message) == (
        CheckStatus.PASS,
        "All 10 post bodies are distinct.",
    )


# --- opening_frames_varied --------------------------------------------------------


def test_an_opening_used_by_more_than_a_fifth_of_posts_fails():
    hooks = list(HOOKS)
    for index in (1, 4, 7):
        hooks[index] = f"Got a minute? Here is tip {index}"

    found = check("opening_frames_varied", calendar(zip(hooks, BODIES, strict=True)))

    assert (found.severity, found.status) == (Severity.MINOR, CheckStatus.FAIL)
    assert found.message == (
        "Posts in 'Detailed 30-Day Calendar' repeat their frame: the opening 'got a "
        "minute' starts 3 of 10 posts (more than a fifth): 2027-09-09 · Instagram "
        "'Got a minute? Here is tip 1', 2027-09-18 · Instagram 'Got a minute? Here "
        "is tip 4', 2027-09-27 · Instagram 'Got a minute? Here is tip 7'."
    )


def test_a_theme_covering_more_than_40_percent_of_posts_fails():
    themes = [f"Myth vs fact: claim {n}" for n in range(5)] + [
        f"Origin story {n}" for n in range(5)
    ]

    found = check(
        "opening_frames_varied",
        calendar(zip(HOOKS, BODIES, strict=True), themes=themes),
    )

    assert found.message == (
        "Posts in 'Detailed 30-Day Calendar' repeat their frame: the theme 'myth vs "
        "fact' covers 5 of 10 posts (more than 40%): 2027-09-06 · Instagram, "
        "2027-09-09 · Instagram, 2027-09-12 · Instagram and 2 more."
    )


def test_varied_openings_and_themes_pass():
    themes = [f"Myth vs fact: claim {n}" for n in range(4)] + [
        f"Story {n}" for n in range(6)
    ]
    hooks = list(HOOKS)
    hooks[1] = hooks[4] = "Got a minute? Two quick facts"

    found = check(
        "opening_frames_varied", calendar(zip(hooks, BODIES, strict=True), themes)
    )

    assert (found.status, found.message) == (
        CheckStatus.PASS,
        "No opening frame starts more than a fifth of the 10 posts, and no theme "
        "covers more than 40%.",
    )


def test_a_short_calendar_with_every_opening_used_once_passes():
    posts = list(zip(HOOKS[:4], BODIES[:4], strict=True))

    found = check("opening_frames_varied", calendar(posts))

    assert (found.status, found.message) == (
        CheckStatus.PASS,
        "No opening frame starts more than a fifth of the 4 posts, and no theme "
        "covers more than 40%.",
    )


def test_a_short_calendar_that_repeats_an_opening_fails():
    hooks = ("Got a minute? Fresh beans", "Got a minute? Two clicks", *HOOKS[2:4])

    found = check("opening_frames_varied", calendar(zip(hooks, BODIES, strict=False)))

    assert found.status == CheckStatus.FAIL
    assert "the opening 'got a minute' starts 2 of 4 posts" in found.message
