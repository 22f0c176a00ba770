"""The brief's own words, used whole (issue 12, item 1).

On the director's four briefs the offer was cut to "free 45-minute GCSE diagnostic
assessment plus", the audience to "parents of Year 10", "Roaster's Choice" became
"roaster's Choice", hashtags read #RoasterS, #Free and #Rated, and a pain point became
the hook "Not knowing?" and the pillar "Beyond Not Knowing They". Each test here
reproduces one of those findings on the brief that showed it.
"""

import re

import pytest

from aicmo_site.writing import text
from aicmo_site.writing.facts import Facts, facts_from
from aicmo_site.writing.playbooks import PLAYBOOKS
from production import api as production_api
from production.generation.posts import PAIN_CUTS, build_hashtags, offer_topic
from tests.production.examples import example

QUICK = "quick_social_basic"
HASHTAG = re.compile(r"(?<![\w&#/])#[A-Za-z][A-Za-z0-9_]*")


def facts_of(name: str) -> Facts:
    return facts_from(example(name, QUICK, key=f"facts:{name}").brief)


def draft_of(name: str):
    ex = example(name, QUICK, key=f"draft:{name}")
    return production_api.draft_generate(
        brief=ex.brief, strategy=ex.strategy, pack=QUICK, idempotency_key=name
    )


# --- phrases: never cut inside one ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "Adults over 65, carers and parents of children aged 2-3",
            "Adults over 65, carers and parents of children aged 2-3",
        ),
        ("Pause, skip or cancel in two clicks", "Pause, skip or cancel in two clicks"),
        (
            "Coffee, cake, and pastries delivered",
            "Coffee, cake, and pastries delivered",
        ),
        (
            "Free flu jab at any city pharmacy, no appointment needed",
            "Free flu jab at any city pharmacy",
        ),
        (
            "Current members in their first 6 months, mostly office workers aged 30-50",
            "Current members in their first 6 months",
        ),
        (
            "Small groups of four or one-to-one, in person in Headingley or online",
            "Small groups of four or one-to-one",
        ),
        (
            "Roaster's Choice Subscription: first bag 50% off, then £9.50 per bag",
            "Roaster's Choice Subscription",
        ),
        (
            "PN 160 rated forged ball valves (DN 15-300), ISO 9001",
            "PN 160 rated forged ball valves",
        ),
    ],
)
def test_lead_keeps_a_list_whole_and_ends_at_a_clause(value, expected):
    assert text.lead(value) == expected


@pytest.mark.parametrize(
    ("value", "max_words", "cuts", "expected"),
    [
        # The old cut: "Not knowing" (then the hook "Not knowing? Here is what…").
        (
            "Not knowing which GCSE topics their child is actually weak in",
            8,
            PAIN_CUTS,
            "Not knowing which GCSE topics their child is actually weak in",
        ),
        (
            "Not knowing they are eligible for a free jab",
            8,
            PAIN_CUTS,
            "Not knowing they are eligible",
        ),
        # The old cut: "free 45-minute GCSE diagnostic assessment plus".
        (
            "free 45-minute GCSE diagnostic assessment plus a personalised study plan",
            7,
            ("for", "with", "that", "which"),
            "free 45-minute GCSE diagnostic assessment plus a personalised study plan",
        ),
        # "and" may not leave a bare modifier ("Strength").
        (
            "Strength and mobility membership with coached small-group classes",
            2,
            ("and", "with"),
            "Strength and mobility membership",
        ),
        (
            "Roasted to order in Bristol and posted within 48 hours",
            6,
            ("with", "for", "and", "without"),
            "Roasted to order in Bristol",
        ),
    ],
)
def test_shorten_never_cuts_inside_a_phrase(value, max_words, cuts, expected):
    assert text.shorten(value, max_words, cuts) == expected


def test_clause_gives_none_rather_than_a_fragment():
    offer = "Free 45-minute GCSE diagnostic assessment plus a personalised study plan"

    assert text.clause(offer, 7) is None
    assert text.clause(offer, 11) == offer


# --- facts: the offer, the audience and the client's capitals ----------------------


@pytest.mark.django_db
def test_the_tutoring_offer_is_never_cut_at_plus():
    f = facts_of("brightpath_gcse_tutoring.json")

    assert f.offer_short == (
        "free 45-minute GCSE diagnostic assessment plus a personalised study plan"
    )
    assert f.offer_ref == (
        "the free 45-minute GCSE diagnostic assessment plus a personalised study plan"
    )
    assert f.offer_name == "free 45-minute GCSE diagnostic assessment"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "short", "mid"),
    [
        (
            "brightpath_gcse_tutoring.json",
            "parents of Year 10 and Year 11 students",
            "parents of Year 10 and Year 11 students in Leeds",
        ),
        (
            "city_flu_vaccination.json",
            "adults over 65, carers and parents of children aged 2-3",
            "adults over 65, carers and parents of children aged 2-3",
        ),
        (
            "roasters_choice_coffee.json",
            "home coffee lovers aged 25-45 and remote workers",
            "home coffee lovers aged 25-45 and remote workers",
        ),
        (
            "hartmann_valves_distributors.json",
            "owners and sales directors of industrial valve and pipeline-equipment "
            "distributors",
            "owners and sales directors of industrial valve and pipeline-equipment "
            "distributors in Europe",
        ),
        # A cut that drops no group still shortens: who they are, not where.
        (
            "brightsmile_dental.json",
            "busy professionals",
            "busy professionals aged 28-45 in Austin",
        ),
        (
            "peakform_fitness_retention.json",
            "current members",
            "current members in their first 6 months",
        ),
    ],
)
def test_every_group_of_the_audience_stays(name, short, mid):
    f = facts_of(name)

    assert (f.audience_short, f.audience_mid) == (short, mid)


@pytest.mark.django_db
def test_roasters_choice_keeps_the_client_capitals():
    f = facts_of("roasters_choice_coffee.json")

    assert f.offer == (
        "Roaster's Choice Subscription: first bag 50% off, then £9.50 per bag, "
        "cancel anytime"
    )
    assert f.offer_short == f.offer_name == "Roaster's Choice Subscription"
    assert f.offer_ref == "the Roaster's Choice Subscription"
    # Not "Roaster's Choice's roaster's Choice Subscription".
    assert f.brand_offer == "Roaster's Choice Subscription"
    assert f.in_sentence("Roaster's Choice Subscription orders") == (
        "Roaster's Choice Subscription orders"
    )
    assert f.in_sentence("Qualified enquiries") == "qualified enquiries"


# --- hashtags ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("Roaster's Choice", "#RoastersChoice"),
        ("Northwind Logistics'", "#NorthwindLogistics"),
        ("A Cup of Joe", "#CupOfJoe"),
        ("month-end close", "#MonthEndClose"),
        ("Kiln & Crumb", "#KilnAndCrumb"),
        ("B2B SaaS", "#B2BSaaS"),
    ],
)
def test_a_hashtag_has_no_possessive_and_no_one_letter_part(value, tag):
    assert text.hashtag(value) == tag
    assert text.hashtag_problems(tag) == ()


@pytest.mark.parametrize(
    ("tag", "problems"),
    [
        ("#RoasterSChoice", ("'S' is a possessive 's left as a capital S",)),
        ("#RoasterS", ("'S' is a possessive 's left as a capital S",)),
        ("#Free", ("'Free' alone is a generic word, not a topic",)),
        ("#Rated", ("'Rated' alone is a generic word, not a topic",)),
        ("#LeedsFree", ("it ends on the promo word 'Free'",)),
        ("#HartmannArmaturenRated", ("it ends on the promo word 'Rated'",)),
        ("#ACupOfJoe", ("'A' is a one-letter part",)),
        ("#SaaS", ()),
        ("#B2B", ()),
        ("#ShopLocal", ()),
        ("#GCSETutoring", ()),
    ],
)
def test_hashtag_problems_name_what_is_not_a_word(tag, problems):
    assert text.hashtag_problems(tag) == problems


@pytest.mark.parametrize(
    ("offer", "brand", "topic"),
    [
        (
            "free 45-minute GCSE diagnostic assessment",
            "BrightPath Tutoring",
            "diagnostic assessment",
        ),
        ("PN 160 rated forged ball valves", "Hartmann Armaturen", "ball valves"),
        (
            "free flu jab at any city pharmacy",
            "Northbridge City Council Public Health",
            "flu jab",
        ),
        ("Roaster's Choice Subscription", "Roaster's Choice", None),
        (
            "strength and mobility membership",
            "PeakForm Studio",
            "strength and mobility",
        ),
        ("Weekly sourdough subscription", "Kiln & Crumb", "sourdough"),
    ],
)
def test_the_topic_tag_is_the_offer_noun_never_a_promo_word(offer, brand, topic):
    assert offer_topic(offer, brand) == topic


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "branded", "topic"),
    [
        (
            "roasters_choice_coffee.json",
            ("#RoastersChoice",),
            ("#SpecialtyCoffeeSubscription", "#RoastersChoiceSubscription"),
        ),
        (
            "brightpath_gcse_tutoring.json",
            ("#BrightPathTutoring",),
            ("#GCSETutoring", "#DiagnosticAssessment"),
        ),
        (
            "hartmann_valves_distributors.json",
            ("#HartmannArmaturen", "#HartmannArmaturenBallValves"),
            ("#IndustrialValveManufacturing", "#BallValves"),
        ),
        (
            "city_flu_vaccination.json",
            ("#NorthbridgeCityCouncilPublicHealth",),
            ("#PublicHealth", "#FluJab", "#FreeFluJab"),
        ),
    ],
)
def test_the_new_briefs_get_hashtags_made_of_words(name, branded, topic):
    f = facts_of(name)

    tags = build_hashtags(f, ())

    assert (tags.branded, tags.topic) == (branded, topic)
    every = tags.branded + tags.local + tags.topic + tags.community
    assert [t for t in every if text.hashtag_problems(t)] == []


# --- pillar names -------------------------------------------------------------------


@pytest.mark.django_db
def test_pillar_names_never_cut_a_pain_point_or_the_offer():
    flu = example("city_flu_vaccination.json", QUICK, key="pillars:flu").strategy
    tutoring = example(
        "brightpath_gcse_tutoring.json", QUICK, key="pillars:tutoring"
    ).strategy

    flu_names = [p.name for p in flu.pillars]
    assert not [n for n in flu_names if "Not Knowing" in n]
    assert [p.name for p in tutoring.pillars][2:4] == [
        "Free 45-Minute GCSE Diagnostic Assessment in Practice",
        "Free 45-Minute GCSE Diagnostic Assessment Explained",
    ]


# --- whole drafts -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_tutoring_draft_quotes_offer_audience_and_pains_whole():
    draft = draft_of("brightpath_gcse_tutoring.json")
    copy = draft.markdown

    assert copy.count("assessment plus") == copy.count(
        "assessment plus a personalised study plan"
    )
    assert copy.count("assessment plus") >= 20
    assert re.findall(r"(?i)parents of Year 10(?! and Year 11)", copy) == []
    assert "Not knowing?" not in copy
    assert copy.count("Not knowing") == copy.count(
        "Not knowing which GCSE topics their child is actually weak in"
    )
    assert copy.count("Not knowing") >= 3


@pytest.mark.django_db
def test_the_coffee_posts_keep_the_client_capitals_and_real_hashtags():
    draft = draft_of("roasters_choice_coffee.json")
    captions = "\n".join(p.caption for p in draft.posts)
    tags = set(HASHTAG.findall(captions))

    assert "roaster's Choice" not in captions
    assert "Roaster's Choice's" not in draft.markdown
    assert captions.count("the Roaster's Choice Subscription") >= 5
    assert "#RoastersChoice" in tags
    assert {t for t in tags if text.hashtag_problems(t)} == set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "brightpath_gcse_tutoring.json",
        "hartmann_valves_distributors.json",
        "city_flu_vaccination.json",
    ],
)
def test_no_hashtag_is_a_lone_promo_word(name):
    tags = set(HASHTAG.findall(draft_of(name).markdown))

    assert tags
    assert {t for t in tags if text.hashtag_problems(t)} == set()
    assert not tags & {"#Free", "#Rated", "#LeedsFree", "#HartmannArmaturenRated"}


def test_every_vetted_sector_hashtag_is_made_of_words():
    tags = [tag for playbook in PLAYBOOKS.values() for tag in playbook.hashtags]

    assert [tag for tag in tags if text.hashtag_problems(tag)] == []
