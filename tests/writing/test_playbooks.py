"""Industry playbooks, chosen on purpose (issue 12, item 3).

Keyword matching pulled the dental template into a city flu-vaccination brief
("patients", "first appointment", "before-and-after images"), the food template into a
coffee subscription and a co-marketing pitch into a distributor brief; it invited
under-16s to be creators and posted a valve maker's LinkedIn on Sundays. These tests
pin the classification of every example brief, the brief's override, the playbook
data each family carries and the copy that follows from it.
"""

import dataclasses
import datetime as dt
import json
import re
from typing import Any

import pytest

from aicmo_site.kernel import briefs
from aicmo_site.kernel.briefs import BriefContext
from aicmo_site.writing import text, vocab
from aicmo_site.writing.facts import facts_from
from aicmo_site.writing.playbooks import (
    PLAYBOOKS,
    POST_TYPES,
    Playbook,
    classify,
    involves_minors,
    playbook_for,
    vetting,
)
from production import api as production_api
from production.generation import copywriting
from tests.production.examples import EXAMPLES, example

STANDARD = "strategy_campaign_standard"
HARTMANN = "hartmann_valves_distributors.json"
EXPECTED_FAMILY = {
    "brightpath_gcse_tutoring.json": "education",
    "brightsmile_dental.json": "local_service",
    "city_flu_vaccination.json": "public_sector_health",
    "harvest_table_restaurant.json": "local_service",
    "ledgerly_saas_sales.json": "saas",
    "northwind_logistics_hiring.json": "other",
    "open_shelter_nonprofit.json": "other",
    "peakform_fitness_retention.json": "local_service",
    "roasters_choice_coffee.json": "consumer_subscription",
    HARTMANN: "b2b_industrial",
}
POSTING_FAMILIES = tuple(
    family for family in vocab.CHANNEL_FAMILIES if family not in copywriting.NON_POSTING
)
WEEKEND = {5, 6}


def brief_of(name: str, **changes: Any) -> BriefContext:
    """Return an example brief as a BriefContext, without onboarding or a database."""
    data = json.loads((EXAMPLES / name).read_text())
    client = data["client"]
    brief = BriefContext(
        brief_id=name,
        client_id="client",
        brand=client["name"],
        website=client["website"],
        industry=client["industry"],
        geography=client["geography"],
        primary_offer=data["primary_offer"],
        objective=data["objective"],
        target_audience=data["target_audience"],
        pain_points=tuple(data["pain_points"]),
        desired_outcomes=tuple(data["desired_outcomes"]),
        pack="quick_social_basic",
        channels=tuple(data.get("channels") or ()),
        tone=data.get("tone") or "",
        banned_words=(),
        competitors=tuple(data.get("competitors") or ()),
        differentiators=tuple(data.get("differentiators") or ()),
        budget_amount=None,
        budget_currency=None,
        duration_weeks=4,
        start_date=dt.date(2027, 3, 1),
        industry_family=data.get("industry_family") or "",
    )
    return dataclasses.replace(brief, **changes)


def test_every_example_brief_is_listed():
    names = {p.name for p in EXAMPLES.glob("*.json")} - {"invalid_brief.json"}

    assert set(EXPECTED_FAMILY) == names


# --- classification ----------------------------------------------------------------


@pytest.mark.parametrize(("name", "family"), EXPECTED_FAMILY.items())
def test_each_example_brief_gets_its_family(name, family):
    assert classify(brief_of(name)) == family
    assert playbook_for(brief_of(name)).family == family


@pytest.mark.parametrize("family", briefs.INDUSTRY_FAMILIES)
def test_the_briefs_industry_family_overrides_the_classification(family):
    brief = brief_of("roasters_choice_coffee.json", industry_family=family)

    assert classify(brief) == family


@pytest.mark.parametrize(
    "written", ["B2B-Industrial", " b2b industrial ", "B2B_INDUSTRIAL"]
)
def test_the_override_is_read_in_any_case_and_spacing(written):
    brief = brief_of("ledgerly_saas_sales.json", industry_family=written)

    assert classify(brief) == "b2b_industrial"


def test_an_unknown_override_is_ignored_and_the_brief_classified():
    brief = brief_of("roasters_choice_coffee.json", industry_family="food")

    assert classify(brief) == "consumer_subscription"


@pytest.mark.parametrize(
    ("industry", "family"),
    [
        ("Software for local councils", "saas"),
        ("NHS community clinic", "public_sector_health"),
        ("Specialty coffee subscription", "consumer_subscription"),
        ("Coffee shop", "local_service"),
        ("School management software", "saas"),
        ("Online GCSE tutoring", "education"),
        ("Hydraulic pump wholesaler", "b2b_industrial"),
        ("Animal welfare nonprofit", "other"),
    ],
)
def test_the_industry_decides_in_signal_order(industry, family):
    brief = brief_of("open_shelter_nonprofit.json", industry=industry)

    assert classify(brief) == family


@pytest.mark.parametrize(
    ("industry", "family"),
    [
        ("Platform beds and bedroom furniture", "other"),
        ("Cloud kitchen restaurant", "local_service"),
        ("Cloud hosting for agencies", "saas"),
    ],
)
def test_platform_and_cloud_need_software_context(industry, family):
    brief = brief_of("open_shelter_nonprofit.json", industry=industry)

    assert classify(brief) == family


def test_the_offer_decides_when_the_industry_says_nothing():
    brief = brief_of(
        "open_shelter_nonprofit.json",
        industry="Family business",
        primary_offer="Monthly box of seasonal flowers, delivered monthly",
    )

    assert classify(brief) == "consumer_subscription"


def test_a_hiring_brief_is_classified_by_its_industry_alone():
    roles = "Software developer roles with a 4-day week"
    hiring = brief_of("northwind_logistics_hiring.json", primary_offer=roles)
    selling = dataclasses.replace(hiring, objective="Sales")

    assert classify(hiring) == "other"
    assert classify(selling) == "saas"


# --- who the customers are, and minors -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "customers"),
    [
        ("brightsmile_dental.json", "patients"),
        ("peakform_fitness_retention.json", "members"),
        (HARTMANN, "distributors"),
        ("roasters_choice_coffee.json", "subscribers"),
        ("city_flu_vaccination.json", "residents"),
        ("brightpath_gcse_tutoring.json", "families"),
    ],
)
def test_customers_are_called_what_the_brief_calls_them(name, customers):
    assert playbook_for(brief_of(name)).customers == customers


def test_team_members_are_not_customers():
    brief = brief_of(
        "harvest_table_restaurant.json",
        target_audience="Locals who plan dinners out",
        differentiators=("Named team members on every shift",),
    )

    assert playbook_for(brief).customer == "customer"


@pytest.mark.parametrize(
    ("audience", "minors"),
    [
        ("Parents of Year 10 and Year 11 students in Leeds", True),
        ("Adults over 65, carers and parents of children aged 2-3", True),
        ("Young people aged 16-24 looking for apprenticeships", True),
        ("Teenagers who skate", True),
        ("Home coffee lovers aged 25-45 and remote workers", False),
        ("Finance leads of agencies with 10-50 staff", False),
        ("Diners who expect a level of service", False),
        ("Commuters who can spare under 15 minutes", False),
        ("University students aged 18-24", False),
        ("Baby boomers planning retirement", False),
        ("Parents of babies aged 6-18 months", True),
        ("Parents of A-level students", True),
        ("Under 16s who swim", True),
    ],
)
def test_minors_are_found_in_the_audience(audience, minors):
    brief = brief_of("roasters_choice_coffee.json", target_audience=audience)

    assert involves_minors(brief) is minors
    assert playbook_for(brief).minors is minors


def test_minors_add_safeguarding_with_the_countrys_check():
    playbook = playbook_for(brief_of("brightpath_gcse_tutoring.json"))

    assert playbook.minors is True
    assert playbook.compliance[-3:] == (
        "Under-18s are never invited to be creators, ambassadors or reviewers; the "
        "voices are adults: parents, teachers, tutors and former students who are "
        "now over 18.",
        "A child's face, name, voice or work appears only with written consent from "
        "a parent or guardian, and never with details that say where to find the "
        "child (full name, school or address).",
        "Say that tutors and teachers hold an enhanced DBS check only when every one "
        "who works with children does, and keep the records on file.",
    )


def test_adult_learners_get_no_safeguarding_rules():
    brief = brief_of(
        "brightpath_gcse_tutoring.json",
        target_audience="Adults returning to study for a degree",
        primary_offer="Evening course in bookkeeping",
    )
    playbook = playbook_for(brief)

    assert playbook.minors is False
    assert playbook.compliance == PLAYBOOKS["education"].compliance


@pytest.mark.parametrize(
    ("geography", "check"),
    [
        ("Leeds, United Kingdom", "hold an enhanced DBS check"),
        ("Glasgow, Scotland", "are members of the PVG scheme (Disclosure Scotland)"),
        ("Cork, Ireland", "are Garda vetted"),
        ("Perth, Australia", "hold a Working with Children Check"),
        ("Boston, USA", "pass a criminal background check"),
        (
            "Lisbon, Portugal",
            "hold the background check that local law requires for work with children",
        ),
    ],
)
def test_the_child_safety_check_is_named_for_the_country(geography, check):
    assert vetting(geography) == check


# --- the playbook data -------------------------------------------------------------


def test_every_family_has_a_playbook():
    assert tuple(PLAYBOOKS) == briefs.INDUSTRY_FAMILIES
    assert all(PLAYBOOKS[family].family == family for family in PLAYBOOKS)


@pytest.mark.parametrize("playbook", PLAYBOOKS.values(), ids=list(PLAYBOOKS))
def test_each_playbook_is_complete_and_consistent(playbook: Playbook):
    channel_families = set(vocab.CHANNEL_FAMILIES)

    assert all((playbook.label, playbook.entity, playbook.customers))
    assert len(playbook.proof) >= 3
    assert set(playbook.post_types) <= set(POST_TYPES)
    assert len(set(playbook.post_types)) == len(playbook.post_types) >= 6
    assert all(briefs.channel_name(c) == c for c in playbook.default_channels)
    assert set(playbook.formats) <= channel_families
    assert set(playbook.posting_days) <= channel_families
    assert set(playbook.weekly) <= channel_families
    assert all(set(days) <= set(range(7)) for days in playbook.posting_days.values())
    assert playbook.compliance
    assert all(c.endswith(".") for c in playbook.compliance)


def test_every_vetted_hashtag_is_made_of_words():
    tags = [tag for playbook in PLAYBOOKS.values() for tag in playbook.hashtags]

    assert [tag for tag in tags if text.hashtag_problems(tag)] == []
    assert all(re.fullmatch(r"#[A-Z][A-Za-z0-9]+", tag) for tag in tags)


def test_a_coffee_subscription_gets_no_food_hashtags():
    tags = playbook_for(brief_of("roasters_choice_coffee.json")).hashtags

    assert tags == ("#ShopIndependent", "#SupportSmallBusiness")
    assert not [tag for tag in tags if "food" in tag.lower()]


@pytest.mark.parametrize("family", ["b2b_industrial", "saas"])
def test_business_linkedin_posts_monday_to_thursday_only(family):
    days = PLAYBOOKS[family].posting_days

    assert days["linkedin"] == (0, 1, 2, 3)
    assert set(POSTING_FAMILIES) <= set(days)
    assert all(not set(d) & WEEKEND for d in days.values())


def test_a_public_body_posts_on_weekdays_only():
    days = PLAYBOOKS["public_sector_health"].posting_days

    assert set(POSTING_FAMILIES) <= set(days)
    assert all(not set(d) & WEEKEND for d in days.values())


def test_an_industrial_youtube_leads_with_a_long_technical_video():
    formats = PLAYBOOKS["b2b_industrial"].formats

    assert formats["youtube"][0] == "Long technical video (8-12 min)"
    assert formats["linkedin"][0] == "Document carousel"


@pytest.mark.parametrize(
    ("family", "words"),
    [
        ("public_sector_health", ("Plain language", "where and when", "No fear")),
        ("public_sector_health", ("Accessible", "alt text", "captions")),
        ("consumer_subscription", ("renewal terms", "pause, skip or cancel")),
        ("b2b_industrial", ("exactly as certified", "Export-control")),
    ],
)
def test_compliance_notes_carry_the_familys_rules(family, words):
    notes = " ".join(PLAYBOOKS[family].compliance)

    assert all(word in notes for word in words)


# --- channels ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("SMS", "messaging"),
        ("text messages", "messaging"),
        ("Nextdoor", "nextdoor"),
        ("trade fairs", "events"),
        ("Events", "events"),
        ("flyers", "print"),
        ("Print", "print"),
        ("Podcast", "podcast"),
    ],
)
def test_the_new_channels_have_families(name, family):
    assert vocab.channel_family(name) == family


@pytest.mark.parametrize("name", ["SMS", "Events", "Print", "Podcast"])
def test_channels_without_posts_get_no_platform(name):
    assert copywriting.platform_spec(name) is None


def test_nextdoor_posts_on_weekdays_without_hashtags():
    spec = copywriting.platform_spec("Nextdoor")

    assert spec is not None
    assert (spec.key, spec.kind, spec.hashtags) == ("nextdoor", "social", (0, 0))
    assert not set(spec.weekdays) & WEEKEND


def test_a_playbook_reshapes_the_platform():
    plain = copywriting.platform_spec("LinkedIn")
    industrial = copywriting.platform_spec("LinkedIn", PLAYBOOKS["b2b_industrial"])
    youtube = copywriting.platform_spec("YouTube", PLAYBOOKS["b2b_industrial"])

    assert plain is not None
    assert industrial is not None
    assert youtube is not None
    assert plain.weekdays == (1, 2, 3)
    assert (industrial.weekdays, industrial.weekly) == ((0, 1, 2, 3), 3)
    assert youtube.formats[0] == "Long technical video (8-12 min)"
    assert copywriting.platform_spec("Instagram", PLAYBOOKS["other"]) == (
        copywriting.platform_spec("Instagram")
    )


# --- wired into the facts and the copy ---------------------------------------------


def test_the_facts_carry_the_playbook():
    facts = facts_from(brief_of("city_flu_vaccination.json"))

    assert facts.profile == playbook_for(brief_of("city_flu_vaccination.json"))
    assert (facts.customers, facts.b2b) == ("residents", False)
    assert facts.entity == "public health service"
    assert isinstance(facts.profile.compliance, tuple)


def _draft(name: str, pack: str = STANDARD) -> str:
    key = f"playbook:{name}:{pack}"
    ex = example(name, pack, key=key)
    return production_api.draft_generate(
        brief=ex.brief, strategy=ex.strategy, pack=pack, idempotency_key=key
    ).markdown


def _section(markdown: str, title: str) -> str:
    start = markdown.index(f"## {title}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]


@pytest.mark.django_db
def test_a_flu_campaign_reads_as_public_health_not_dentistry():
    markdown = _draft("city_flu_vaccination.json")
    found = re.findall(
        r"patients?|first appointment|before-and-after|local explorer", markdown, re.I
    )

    assert found == []
    assert "- No fear tactics or shock images" in _section(
        markdown, "Messaging Framework"
    )
    personas = _section(markdown, "Persona Cards")
    assert "the one who means to get round to it" in personas


@pytest.mark.django_db
def test_a_coffee_subscription_is_not_written_as_food():
    markdown = _draft("roasters_choice_coffee.json")

    assert re.findall(r"\bfood\w*", markdown, re.I) == []
    assert "renewal terms" in _section(markdown, "Messaging Framework")


@pytest.mark.django_db
def test_a_distributor_brief_is_pitched_to_distributors():
    markdown = _draft(HARTMANN)
    personas = _section(markdown, "Persona Cards")
    objective = _section(markdown, "Campaign Objective")

    assert "the territory protector" in personas
    assert not re.search(r"volunteer|impact report|CSR", personas)
    assert "It will not sign distributors" in objective
    assert "**Campaign name:** Built for Distributors" in markdown


@pytest.mark.django_db
def test_no_under_18_is_invited_to_create_for_a_tutoring_brief():
    influencers = _section(
        _draft("brightpath_gcse_tutoring.json"), "Influencer Strategy"
    )

    assert "as creators" not in influencers
    assert (
        "Parents, teachers, tutors and former students who are now over 18 sharing "
        "their own experience, with consent and clear disclosure"
    ) in influencers
    assert "**Safeguarding:** no one under 18 is invited to create" in influencers
    assert "Must not show anyone under 18 without a parent's" in influencers


@pytest.mark.django_db
def test_an_adult_audience_keeps_its_customer_creators():
    influencers = _section(_draft("roasters_choice_coffee.json"), "Influencer Strategy")

    assert "**Subscribers as creators:**" in influencers
    assert "Safeguarding" not in influencers
