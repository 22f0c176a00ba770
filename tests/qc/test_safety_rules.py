"""minor_safety: a plan for a GCSE brief never asks pupils to be creators.

The failing case is the director's finding on the tutoring package: "Customers as
creators: learners sharing their own experience" in a brief for parents of Year 10
and Year 11 students.
"""

import time

import pytest

from qc import rules, safety_rules, services
from qc.dto import CheckStatus, Severity
from tests.qc.conftest import GOOD_BODIES, make_brief, make_draft

TUTORING = make_brief(
    brand="BrightPath Tutoring",
    primary_offer="Free 45-minute GCSE diagnostic assessment plus a personalised "
    "study plan",
    target_audience="Parents of Year 10 and Year 11 students in Leeds",
)
CREATORS = (
    "Creators carry the message to parents who do not follow the brand yet.\n\n"
    "**Who to work with**\n\n"
    "- **Micro-creators in Leeds:** Accounts of 5,000 to 50,000 followers whose "
    "audience matches parents of Year 10 and Year 11 students\n"
    "- **Customers as creators:** Learners sharing their own experience, with "
    "consent and clear disclosure"
)
ADULT_CREATORS = CREATORS.replace(
    "Learners sharing their own experience", "Parents sharing their own experience"
)
FIX = (
    "Recruit only adults as creators and voices (parents, carers, teachers, tutors, "
    "staff); never ask young people to post, film or share themselves; share a "
    "young person's result only as a written, anonymised quote with a parent's "
    "consent."
)


def check(brief=TUTORING, **bodies):
    draft = make_draft(bodies=bodies)
    [found] = rules.run_rules(draft=draft, brief=brief, rules=safety_rules.RULES)
    return found


def test_the_rule_is_major_and_runs_in_every_qc_result():
    assert [(r.id, r.severity) for r in safety_rules.RULES] == [
        ("minor_safety", Severity.BLOCKER)
    ]
    assert set(safety_rules.RULES) <= set(services.QC_RULES)


def test_learners_invited_to_be_creators_fail_in_a_gcse_brief():
    buckets = GOOD_BODIES["content_buckets"] + "\n\n" + CREATORS

    found = check(content_buckets=buckets)

    assert (found.id, found.severity, found.status, found.section) == (
        "minor_safety",
        Severity.BLOCKER,
        CheckStatus.FAIL,
        "content_buckets",
    )
    assert found.message == (
        "'Content Buckets' invites under-18s to create or post content (the brief "
        "involves them: 'Year 10'): 'Customers as creators: Learners sharing their "
        "own experience, with consent and clear disclosure'."
    )
    assert found.fix == FIX


@pytest.mark.parametrize(
    "line",
    [
        "Student ambassadors get a free session for every friend they bring.",
        "Ask pupils to film their revision desk and tag us.",
        "Year 11s: post your mock results and tag us!",
        "Year 11 students film a 30-second tip on how to avoid exam stress.",
        "Invite students, not parents, to become brand ambassadors.",
    ],
)
def test_any_invitation_to_young_people_to_post_or_represent_fails(line):
    calendar = GOOD_BODIES["detailed_30_day_calendar"].replace(
        "Teams pause or change their plan whenever the office needs.", line, 1
    )

    found = check(detailed_30_day_calendar=calendar)

    assert (found.status, found.section) == (
        CheckStatus.FAIL,
        "detailed_30_day_calendar",
    )
    assert f"'{line}'" in found.message


def test_adult_creators_and_creators_for_parents_pass():
    buckets = GOOD_BODIES["content_buckets"] + "\n\n" + ADULT_CREATORS

    found = check(content_buckets=buckets)

    assert (found.status, found.message) == (
        CheckStatus.PASS,
        "The brief involves under-18s ('Year 10'); no copy invites them to create "
        "or post content.",
    )


def test_a_safeguarding_rule_that_names_creators_is_not_an_invitation():
    buckets = GOOD_BODIES["content_buckets"] + (
        "\n\n**Safeguarding:** no one under 18 is invited to create or review; the "
        "creators are parents, tutors and former students who are now over 18.\n\n"
        "- Under-18s are never invited to be creators or ambassadors.\n"
        "- Keep the DBS records of everyone who works with children on file."
    )

    assert check(content_buckets=buckets).status == CheckStatus.PASS


@pytest.mark.parametrize(
    "line",
    [
        "Never invite students to post or film themselves.",
        "Under-18s are not invited to be creators or ambassadors.",
        "No one under 18 is invited to film content.",
    ],
)
def test_a_negation_that_governs_the_invitation_rules_it_out(line):
    calendar = GOOD_BODIES["detailed_30_day_calendar"].replace(
        "Teams pause or change their plan whenever the office needs.", line, 1
    )

    assert check(detailed_30_day_calendar=calendar).status == CheckStatus.PASS


def test_a_long_run_of_adults_is_read_in_linear_time():
    line = "parents and " * 5000 + "students film themselves."

    started = time.perf_counter()
    found = list(safety_rules.invitations(line))
    assert time.perf_counter() - started < 2
    assert found == [line]


def test_a_brief_without_minors_may_ask_customers_to_post():
    buckets = GOOD_BODIES["content_buckets"] + "\n\n" + CREATORS
    coffee = make_brief(target_audience="Home coffee lovers aged 25-45")

    found = check(coffee, content_buckets=buckets)

    assert (found.status, found.message) == (
        CheckStatus.PASS,
        "The brief's audience and offer involve no under-18s.",
    )


@pytest.mark.parametrize(
    ("audience", "offer", "trigger"),
    [
        (
            "Adults over 65, carers and parents of children aged 2-3",
            "Free jab",
            "children",
        ),
        ("Families with kids", "Swimming lessons", "kids"),
        ("Parents in Leeds", "A-level maths tutoring", "A-level"),
        ("Young players aged 12-16 and their parents", "Football camp", "aged 12-16"),
        ("Office managers at firms of 10 to 80 people", "Office coffee", None),
        ("Players ages 12-15 and their parents", "Holiday camp", "ages 12-15"),
        ("Parents of 11–16 year olds", "Holiday camp", "11–16 year olds"),
        ("Under 16s and their parents", "Swim squad", "Under 16s"),
        ("Parents of teenage drivers", "Insurance", "teenage"),
        ("Adult learners returning to study", "Evening maths course", None),
        ("University students in Leeds", "Bank account with overdraft", None),
        ("Students aged 18-24", "Railcard", None),
        ("Students aged 16-19", "Revision course", "Students"),
    ],
)
def test_which_briefs_involve_under_18s(audience, offer, trigger):
    assert safety_rules.minors_in_brief(audience, offer) == trigger
