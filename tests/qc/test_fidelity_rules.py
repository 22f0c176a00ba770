"""brief_text_intact and hashtag_form fail on the director's findings, pass on copy."""

import pytest

from qc import fidelity_rules, rules, services
from qc.dto import CheckStatus, Severity
from tests.qc.conftest import GOOD_BODIES, make_brief, make_draft

TUTORING = {
    "brand": "BrightPath Tutoring",
    "primary_offer": "Free 45-minute GCSE diagnostic assessment plus a personalised "
    "study plan; sessions £28 per session",
    "target_audience": "Parents of Year 10 and Year 11 students in Leeds",
    "pain_points": ("Not knowing which GCSE topics their child is actually weak in",),
    "differentiators": ("Qualified teachers who mark real past papers",),
    "desired_outcomes": ("150 diagnostic assessments booked in 10 weeks",),
}
FLU = {
    "brand": "Northbridge City Council Public Health",
    "primary_offer": "Free flu jab at any city pharmacy, no appointment needed",
    "target_audience": "Adults over 65, carers and parents of children aged 2-3",
    "pain_points": ("Not knowing they are eligible for a free jab",),
}
COFFEE = {
    "brand": "Roaster's Choice",
    "primary_offer": "Roaster's Choice Subscription: first bag 50% off, then £9.50 "
    "per bag, cancel anytime",
    "target_audience": "Home coffee lovers aged 25-45 and remote workers",
}
FIX = (
    "Quote the brief's phrase whole, or a whole noun phrase it contains (the product "
    "name before ':', the first clause); never end on 'plus', 'and', 'of' or "
    "'which'; name every audience group the brief lists; keep the client's capitals."
)


def run(rule_id, bodies=None, **brief):
    rule = next(r for r in fidelity_rules.RULES if r.id == rule_id)
    checks = rules.run_rules(
        draft=make_draft(bodies=bodies), brief=make_brief(**brief), rules=(rule,)
    )
    return [(c.status, c.section, c.message) for c in checks]


def test_both_rules_are_major_and_run_in_every_qc_result():
    assert [(r.id, r.severity) for r in fidelity_rules.RULES] == [
        ("brief_text_intact", Severity.MAJOR),
        ("hashtag_form", Severity.MAJOR),
    ]
    assert set(fidelity_rules.RULES) <= set(services.QC_RULES)


# --- brief_text_intact ------------------------------------------------------------


def test_brief_text_intact_passes_on_the_well_formed_draft():
    assert run("brief_text_intact") == [
        (
            CheckStatus.PASS,
            "draft",
            "The offer, audience, pain points, differentiators and outcomes are "
            "quoted whole, with the client's capitals.",
        )
    ]


def test_an_offer_cut_at_plus_fails_with_the_fragment_and_the_brief():
    body = (
        "Enquire about the free 45-minute GCSE diagnostic assessment plus at "
        "brightpathtutoring.example today, and bring your questions."
    )

    rule = fidelity_rules.RULES[0]
    checks = rules.run_rules(
        draft=make_draft(bodies={"overview": body}),
        brief=make_brief(**TUTORING),
        rules=(rule,),
    )

    assert [(c.status, c.section, c.message, c.fix) for c in checks] == [
        (
            CheckStatus.FAIL,
            "overview",
            "Brief text cut or re-cased in 'Overview': 'free 45-minute GCSE "
            "diagnostic assessment plus' cuts the offer mid-phrase (the brief: 'Free "
            "45-minute GCSE diagnostic assessment plus a personalised study plan; "
            "sessions £28 pe…').",
            FIX,
        )
    ]


def test_the_whole_offer_and_audience_pass():
    body = (
        "Enquire about the free 45-minute GCSE diagnostic assessment plus a "
        "personalised study plan. Built for parents of Year 10 and Year 11 "
        "students, in a reassuring voice. Not knowing which GCSE topics their child "
        "is actually weak in? Here is what it costs."
    )

    assert run("brief_text_intact", {"overview": body}, **TUTORING)[0][0] == (
        CheckStatus.PASS
    )


def test_an_audience_that_drops_a_year_group_fails():
    body = "Built for parents of Year 10. Here is why it matters to them."

    assert run("brief_text_intact", {"overview": body}, **TUTORING) == [
        (
            CheckStatus.FAIL,
            "overview",
            "Brief text cut or re-cased in 'Overview': 'parents of Year 10' leaves "
            "out part of the audience (the brief: 'Parents of Year 10 and Year 11 "
            "students in Leeds').",
        )
    ]


def test_one_audience_group_may_stand_alone_when_the_calendar_names_the_others():
    overview = "A reminder for adults over 65: the jab is free."
    calendar = GOOD_BODIES["detailed_30_day_calendar"] + (
        "\n\nCarers can get the jab too, and so can parents of children aged 2-3."
    )

    passing = run(
        "brief_text_intact",
        {"overview": overview, "detailed_30_day_calendar": calendar},
        **FLU,
    )
    failing = run("brief_text_intact", {"overview": overview}, **FLU)

    assert [status for status, _, _ in passing] == [CheckStatus.PASS]
    assert failing == [
        (
            CheckStatus.FAIL,
            "overview",
            "Brief text cut or re-cased in 'Overview': 'adults over 65' leaves out "
            "part of the audience (the brief: 'Adults over 65, carers and parents of "
            "children aged 2-3').",
        )
    ]


def test_a_pain_cut_mid_phrase_fails_in_a_hook_and_a_pillar_name():
    buckets = "### Beyond Not Knowing They\n\nPosts about eligibility, week by week."
    calendar = GOOD_BODIES["detailed_30_day_calendar"] + (
        "\n\nNot knowing? Here is what it is really costing you."
    )

    flu = run("brief_text_intact", {"content_buckets": buckets}, **FLU)
    tutoring = run(
        "brief_text_intact", {"detailed_30_day_calendar": calendar}, **TUTORING
    )

    assert flu == [
        (
            CheckStatus.FAIL,
            "content_buckets",
            "Brief text cut or re-cased in 'Content Buckets': 'Not Knowing They' "
            "cuts the pain point mid-phrase (the brief: 'Not knowing they are "
            "eligible for a free jab').",
        )
    ]
    assert tutoring == [
        (
            CheckStatus.FAIL,
            "detailed_30_day_calendar",
            "Brief text cut or re-cased in 'Detailed 30-Day Calendar': 'Not knowing' "
            "cuts the pain point mid-phrase (the brief: 'Not knowing which GCSE "
            "topics their child is actually weak in').",
        )
    ]


def test_a_lower_cased_product_name_fails_and_the_client_casing_passes():
    bad = "Order the roaster's Choice Subscription today."
    good = "Order the Roaster's Choice Subscription today: Roaster's Choice's best."

    assert run("brief_text_intact", {"overview": bad}, **COFFEE) == [
        (
            CheckStatus.FAIL,
            "overview",
            "Brief text cut or re-cased in 'Overview': 'roaster's Choice' changes "
            "the client's capitals (the brief: 'Roaster's Choice'); 'roaster's "
            "Choice Subscription' changes the client's capitals (the brief: "
            "'Roaster's Choice Subscription').",
        )
    ]
    assert run("brief_text_intact", {"overview": good}, **COFFEE)[0][0] == (
        CheckStatus.PASS
    )


def test_an_audience_without_its_second_group_fails_and_the_whole_one_passes():
    bad = "Made for home coffee lovers who want better beans."
    good = "Made for home coffee lovers aged 25-45 and remote workers."

    assert run("brief_text_intact", {"overview": bad}, **COFFEE)[0][:2] == (
        CheckStatus.FAIL,
        "overview",
    )
    assert run("brief_text_intact", {"overview": good}, **COFFEE)[0][0] == (
        CheckStatus.PASS
    )


def test_brief_text_intact_quotes_at_most_five_fragments():
    bad = (
        "Order the roaster's Choice Subscription. Ask about the free 45-minute GCSE "
        "diagnostic assessment plus. Not knowing? For parents of Year 10 (and "
        "students in year 11)."
    )
    brief = {
        **TUTORING,
        "brand": "Roaster's Choice",
        "differentiators": ("Roaster's Choice Subscription perks",),
    }

    [(status, _, message)] = run("brief_text_intact", {"overview": bad}, **brief)

    assert status == CheckStatus.FAIL
    assert message == (
        "Brief text cut or re-cased in 'Overview': 'free 45-minute GCSE diagnostic "
        "assessment plus' cuts the offer mid-phrase (the brief: 'Free 45-minute GCSE "
        "diagnostic assessment plus a personalised study plan; sessions £28 pe…'); "
        "'parents of Year 10' leaves out part of the audience (the brief: 'Parents "
        "of Year 10 and Year 11 students in Leeds'); 'Not knowing' cuts the pain "
        "point mid-phrase (the brief: 'Not knowing which GCSE topics their child is "
        "actually weak in'); 'roaster's Choice' changes the client's capitals (the "
        "brief: 'Roaster's Choice'); 'year 11' changes the client's capitals (the "
        "brief: 'Year 11'); and 1 more."
    )


# --- hashtag_form -----------------------------------------------------------------


def test_hashtag_form_passes_when_every_tag_is_made_of_words():
    assert run("hashtag_form") == [
        (CheckStatus.PASS, "draft", "All 6 hashtags are made of real words.")
    ]


def test_tags_that_are_not_words_fail_with_the_reason_for_each():
    body = (
        "> Fresh beans weekly.\n>\n"
        "> #RoasterSChoice #Free #LeedsFree #HartmannArmaturenRated #Roaster's "
        "#ACupOfJoe #SaaS"
    )

    assert run("hashtag_form", {"detailed_30_day_calendar": body}) == [
        (
            CheckStatus.FAIL,
            "detailed_30_day_calendar",
            "Hashtags that are not real words in 'Detailed 30-Day Calendar': "
            "'#RoasterSChoice' ('S' is a possessive 's left as a capital S), '#Free' "
            "('Free' alone is a generic word, not a topic), '#LeedsFree' (it ends on "
            "the promo word 'Free'), '#HartmannArmaturenRated' (it ends on the promo "
            "word 'Rated'), '#Roaster' (a possessive ''s' is left after it), and 1 "
            "more.",
        )
    ]


def test_real_word_tags_pass_and_a_brand_initial_is_the_client_name():
    body = "> #RoastersChoice #FluJab #BallValves #SaaS #B2B #JCrew #JCrewStyle"

    assert run("hashtag_form", {"detailed_30_day_calendar": body}, brand="J Crew") == [
        (CheckStatus.PASS, "draft", "All 13 hashtags are made of real words.")
    ]


@pytest.mark.parametrize("text", ["## Heading #1", "C# and F# teams", "a.example/#top"])
def test_headings_languages_and_anchors_are_not_hashtags(text):
    body = GOOD_BODIES["overview"] + "\n\n" + text

    assert run("hashtag_form", {"overview": body})[0][0] == CheckStatus.PASS


def test_a_list_item_quoted_whole_passes_whatever_punctuation_follows_it():
    brief = {
        **TUTORING,
        "differentiators": (
            "Small groups of four or one-to-one, in person in Headingley or online",
        ),
    }
    whole_clause = {"overview": "Small groups of four or one-to-one. Book a place."}
    cut = {"overview": "Small groups of four or. Book a place."}

    assert run("brief_text_intact", whole_clause, **brief)[0][0] == CheckStatus.PASS
    status, section, message = run("brief_text_intact", cut, **brief)[0]
    assert (status, section) == (CheckStatus.FAIL, "overview")
    assert message == (
        "Brief text cut or re-cased in 'Overview': 'Small groups of four or' cuts "
        "the differentiator mid-phrase (the brief: 'Small groups of four or "
        "one-to-one, in person in Headingley or online')."
    )
