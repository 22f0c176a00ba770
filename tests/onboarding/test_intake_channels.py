"""Channel names in a brief: any case or spacing, and the synonyms tools use."""

import pytest

from aicmo_site.kernel import briefs
from aicmo_site.writing import vocab
from onboarding import intake
from tests.onboarding.conftest import PACKS
from tests.onboarding.intake_cases import KNOWN, SPELLINGS, SYNONYMS


def _variants(name: str) -> list[str]:
    """The same name in other case, spacing, hyphens and underscores."""
    return [
        name.upper(),
        name.lower(),
        name.title(),
        f"  {name}  ",
        name.replace(" ", "-"),
        name.replace(" ", "_"),
        name.replace(" ", "  "),
        name.replace(" ", ""),
    ]


def _channels(names: list, raw_brief: dict) -> intake.IntakeResult:
    return intake.validate_intake(raw_brief | {"channels": names}, known_packs=PACKS)


def test_every_canonical_channel_is_listed_with_its_synonyms():
    assert set(SYNONYMS) == set(briefs.CHANNELS)
    assert ", ".join(sorted(briefs.CHANNELS)) == KNOWN


def test_no_spelling_stands_for_two_channels():
    words = [
        briefs.channel_token(word)
        for canonical, synonyms in briefs.CHANNELS.items()
        for word in (canonical, *synonyms)
    ]

    assert len(words) == len(set(words))


@pytest.mark.parametrize(("canonical", "name"), SPELLINGS)
def test_a_canonical_name_or_synonym_gives_the_canonical_channel(
    canonical, name, raw_brief
):
    result = _channels([name], raw_brief)

    assert result.errors == {}
    assert result.data["channels"] == [canonical]


@pytest.mark.parametrize(("canonical", "name"), SPELLINGS)
def test_case_spaces_hyphens_and_underscores_do_not_count(canonical, name, raw_brief):
    for variant in _variants(name):
        assert briefs.channel_name(variant) == canonical, variant

    result = _channels(_variants(name), raw_brief)

    assert result.errors == {}
    assert result.data["channels"] == [canonical]


@pytest.mark.parametrize(
    "name",
    ["LinkedIn", "linked-in", "linked_in", " LINKEDIN ", "Linked In", "LI", "Li"],
)
def test_linkedin_in_every_spelling_from_the_issue(name, raw_brief):
    assert _channels([name], raw_brief).data["channels"] == ["LinkedIn"]


def test_spellings_of_one_channel_collapse_keeping_the_brief_order(raw_brief):
    result = _channels(
        ["e-mail", "IG", "Newsletter", "instagram", "Tik Tok", "EMAIL"], raw_brief
    )

    assert result.errors == {}
    assert result.data["channels"] == ["Email", "Instagram", "TikTok"]


@pytest.mark.parametrize("name", ["Carrier pigeon", "Fax", "Radio", "mail", "x.org"])
def test_an_unknown_channel_is_named_with_the_known_ones(name, raw_brief):
    result = _channels(["Instagram", name], raw_brief)

    assert result.errors == {
        "channels[1]": [f"Unknown channel '{name}'. Known: {KNOWN}."]
    }


def test_unknown_channels_are_each_named_in_one_pass(raw_brief):
    result = _channels(["Pigeon", "LinkedIn", "Smoke signal"], raw_brief)

    assert set(result.errors) == {"channels[0]", "channels[2]"}
    assert "'Smoke signal'" in result.errors["channels[2]"][0]


@pytest.mark.parametrize(("canonical", "name"), SPELLINGS)
def test_the_generators_place_every_channel_a_brief_can_name(canonical, name):
    family = vocab.channel_family(name)

    assert family is not None
    assert family == vocab.channel_family(canonical)
