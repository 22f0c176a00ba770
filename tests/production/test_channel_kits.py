"""Kits for funded channels that carry no posts: search, WhatsApp, SMS, events,
print and podcast (issue 12, item 2: every funded channel has content in proportion
to its spend)."""

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest

from aicmo_site.kernel.briefs import Faq
from aicmo_site.writing import workdays
from production.dto import ChannelInput, StrategyInput
from production.generation import channel_kits
from production.generation.channel_kits import events
from production.generation.context import DraftContext, build_context
from production.generation.sections import content
from production.packs import STRATEGY_CAMPAIGN_STANDARD
from tests.briefs import BAKERY
from tests.production.conftest import BAKERY_STRATEGY, CAMPAIGN, body
from tests.production.examples import example

QUICK = "quick_social_basic"
ALL_CHANNELS = (
    ("Instagram", 30),
    ("Google Ads", 25),
    ("WhatsApp", 10),
    ("SMS", 8),
    ("Events", 12),
    ("Print", 9),
    ("Podcast", 6),
)


def plan(*channels: tuple[str, int]) -> tuple[ChannelInput, ...]:
    return tuple(
        ChannelInput(channel=name, budget_pct=pct, tactics=("-",), rationale="-")
        for name, pct in channels
    )


def context(
    *channels: tuple[str, int], variant: int = 0, **brief_changes
) -> DraftContext:
    brief = dataclasses.replace(BAKERY, **brief_changes)
    strategy: StrategyInput = dataclasses.replace(
        BAKERY_STRATEGY, channel_plan=plan(*channels)
    )
    ctx = build_context(brief=brief, strategy=strategy, pack=STRATEGY_CAMPAIGN_STANDARD)
    return ctx.with_variant(variant)


def kit_of(ctx: DraftContext, kind: str) -> Any:
    return next(k for k in channel_kits.build_kits(ctx) if k.channel.kind == kind)


# --- Which channels get a kit ------------------------------------------------------


def test_every_funded_channel_without_posts_gets_a_kit_largest_share_first():
    ctx = context(*ALL_CHANNELS)

    kits = channel_kits.build_kits(ctx)
    markdown = channel_kits.funded_channels_block(ctx)

    assert [(k.channel.name, k.channel.kind, k.channel.share) for k in kits] == [
        ("Google Ads", "search", 25),
        ("Events", "events", 12),
        ("WhatsApp", "whatsapp", 10),
        ("Print", "print", 9),
        ("SMS", "sms", 8),
        ("Podcast", "podcast", 6),
    ]
    assert re.findall(r"^### (.+)$", markdown, re.MULTILINE) == [
        "Google Ads: search campaign",
        "Events: pop-up event plan",
        "WhatsApp: opt-in message sequence",
        "Print: A5 flyer copy",
        "SMS: opt-in text sequence",
        "Podcast: host reads of up to 30 seconds",
    ]
    assert markdown.startswith(
        "The plan funds Google Ads (25%), Events (12%), WhatsApp (10%), Print (9%), "
        "SMS (8%) and Podcast (6%) beyond the posts above."
    )


def test_a_channel_with_no_budget_and_a_posting_channel_get_no_kit():
    ctx = context(("Instagram", 70), ("Email", 30), ("Google Ads", 0))

    assert channel_kits.build_kits(ctx) == ()
    assert channel_kits.funded_channels_block(ctx) == ""
    assert channel_kits.kits_markdown(ctx) == ""


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Google Ads", "search"),
        ("PPC", "search"),
        ("WhatsApp", "whatsapp"),
        ("sms", "sms"),
        ("Trade fairs", "events"),
        ("Flyers", "print"),
        ("Podcast ads", "podcast"),
        ("Instagram", None),
        ("Email", None),
        ("Blog", None),
    ],
)
def test_kit_kind_follows_the_canonical_channel(name, kind):
    assert channel_kits.kit_kind(name) == kind


# --- Content in proportion to the share ---------------------------------------------


@pytest.mark.parametrize(
    ("kind", "share", "size"),
    [
        ("search", 5, 1),
        ("search", 12, 2),
        ("search", 36, 4),
        ("search", 90, 5),
        ("whatsapp", 7, 2),
        ("whatsapp", 8, 3),
        ("sms", 21, 4),
        ("sms", 60, 6),
        ("events", 19, 1),
        ("events", 20, 2),
        ("events", 70, 3),
        ("print", 14, 1),
        ("print", 30, 3),
        ("podcast", 15, 2),
    ],
)
def test_kit_size_grows_with_the_share_up_to_a_cap(kind, share, size):
    assert channel_kits.kit_size(kind, share) == size


def test_a_bigger_search_share_buys_more_ad_groups():
    small = kit_of(context(("Instagram", 90), ("Google Ads", 10)), "search")
    large = kit_of(context(("Instagram", 60), ("Google Ads", 40)), "search")

    assert [g.name for g in small.groups] == ["Artisan bakery"]
    assert [g.name for g in large.groups] == [
        "Artisan bakery",
        "Artisan bakery in Leeds",
        "Brand: Kiln & Crumb",
        "Alternatives to Greggs or Bread Ahead",
    ]


FAQS = (
    Faq(question="When is the bread baked?", answer="Overnight, for a 7am doorstep."),
    Faq(question="Can I skip a week?", answer="Yes, up to the Thursday before."),
)


def test_a_bigger_messaging_share_buys_more_messages():
    small = kit_of(context(("Instagram", 90), ("WhatsApp", 10), faqs=FAQS), "whatsapp")
    large = kit_of(context(("Instagram", 70), ("WhatsApp", 30), faqs=FAQS), "whatsapp")

    assert [m.key for m in small.messages] == ["welcome", "offer", "faq_1"]
    assert [m.key for m in large.messages] == [
        "welcome",
        "offer",
        "faq_1",
        "faq_2",
        "reason_3",
    ]
    assert large.messages[2].body == (
        "When is the bread baked? Overnight, for a 7am doorstep. Order online at "
        "kilnandcrumb.co.uk."
    )
    assert (small.supply, large.supply) == ("", "")


def test_a_share_bigger_than_the_brief_can_fill_says_what_to_supply():
    kit = kit_of(context(("Instagram", 50), ("WhatsApp", 50)), "whatsapp")

    assert [m.key for m in kit.messages] == ["welcome", "offer", "reason_1"]
    assert kit.supply == (
        "Three more messages, once the client gives the substance: questions "
        "customers ask with their answers, proof points or key dates."
    )


# --- Search ------------------------------------------------------------------------


def test_search_ads_keep_google_limits_and_whole_words():
    ctx = context(("Instagram", 40), ("Google Ads", 60))

    kit = kit_of(ctx, "search")

    brief_words = " ".join(
        (BAKERY.brand, BAKERY.primary_offer, BAKERY.industry, *BAKERY.differentiators)
    )
    words = {w.lower() for w in re.findall(r"[\w'&-]+", brief_words)}
    assert kit.final_url == "https://www.kilnandcrumb.co.uk/"
    assert kit.groups[0].headlines == (
        "Artisan bakery",
        "Weekly sourdough subscription",
        "Zero-waste delivery",
        "Order Kiln & Crumb",
        "Kiln & Crumb",
    )
    assert kit.groups[0].descriptions == (
        "Weekly sourdough subscription.",
        "Naturally leavened 48-hour fermentation.",
        "Zero-waste delivery in reusable cotton bags.",
        "Order online at kilnandcrumb.co.uk.",
    )
    for group in kit.groups:
        assert 1 <= len(group.headlines) <= 15
        assert 1 <= len(group.descriptions) <= 4
        assert all(len(h) <= 30 for h in group.headlines)
        assert all(len(d) <= 90 for d in group.descriptions)
        for headline in group.headlines:
            said = {w.lower() for w in re.findall(r"[\w'&-]+", headline)}
            assert said <= words | {"order", "in", "leeds"}, headline


def test_keywords_carry_match_types_and_the_clients_spelling():
    kit = kit_of(context(("Instagram", 40), ("Google Ads", 60)), "search")

    brand = next(g for g in kit.groups if g.name.startswith("Brand"))
    assert [(k.text, k.match) for k in brand.keywords] == [
        ("Kiln & Crumb", "Exact"),
        ("Kiln & Crumb", "Phrase"),
        ("Kiln & Crumb artisan bakery", "Phrase"),
    ]
    core = kit.groups[0]
    assert [(k.text, k.match) for k in core.keywords] == [
        ("artisan bakery", "Exact"),
        ("artisan bakery", "Phrase"),
        ("weekly sourdough subscription", "Exact"),
        ("weekly sourdough subscription", "Phrase"),
        ("artisan bakery near me", "Phrase"),
        ("buy weekly sourdough subscription", "Phrase"),
        ("weekly sourdough subscription online", "Phrase"),
    ]
    every = [(k.text, k.match) for g in kit.groups for k in g.keywords]
    assert len(every) == len(set(every))  # no keyword bids in two ad groups
    assert ("Greggs login", "Exact") in [(k.text, k.match) for k, _ in kit.negatives]
    assert all("[" not in k.text for g in kit.groups for k in g.keywords)


def test_a_banned_word_never_reaches_an_ad():
    ctx = context(
        ("Instagram", 40),
        ("Google Ads", 60),
        differentiators=("Guaranteed fresh by 8am", "Zero-waste delivery"),
    )

    kit = kit_of(ctx, "search")

    copy = [t for g in kit.groups for t in (*g.headlines, *g.descriptions)]
    assert copy
    assert not [t for t in copy if re.search(r"guaranteed|cheap", t, re.I)]


def test_phrasings_fit_a_limit_without_cutting_a_word_or_a_condition():
    roasted = channel_kits.phrasings(
        "Roasted to order in Bristol and posted within 48 hours"
    )

    assert channel_kits.fit(roasted, 30) == "Roasted to order in Bristol"
    assert channel_kits.fit(roasted, 22) == "Posted within 48 hours"
    assert (
        channel_kits.fit(
            channel_kits.phrasings("Six-week lead time on standard sizes"), 30
        )
        is None
    )
    assert channel_kits.fit(["Cheap beans"], 30, banned=("cheap",)) is None
    assert channel_kits.offer_parts(
        "Roaster's Choice Subscription: first bag 50% off, then £9.50 per bag, "
        "cancel anytime"
    ) == (
        "Roaster's Choice Subscription",
        "First bag 50% off",
        "£9.50 per bag",
        "Cancel anytime",
    )


@pytest.mark.parametrize(
    ("claim", "phrasings"),
    [
        (
            "No direct sales in a distributor's protected territory",
            ["No direct sales in a distributor's protected territory"],
        ),
        ("Free delivery for orders over £30", ["Free delivery for orders over £30"]),
        (
            "20% off for students with a valid ID",
            ["20% off for students with a valid ID"],
        ),
        (
            "98.6% of orders shipped on the confirmed date in 2026",
            ["98.6% of orders shipped on the confirmed date in 2026"],
        ),
        (
            "14,000 valves shipped to oil, gas and water utilities in 2026",
            ["14,000 valves shipped to oil, gas and water utilities in 2026"],
        ),
        (
            "Water utilities and oil and gas refineries in 2026",
            ["Water utilities and oil and gas refineries in 2026"],
        ),
        ("first bag 50% off", ["First bag 50% off"]),
    ],
)
def test_phrasings_keep_the_condition_of_an_exact_claim(claim, phrasings):
    assert channel_kits.phrasings(claim) == phrasings
    # Too long for a headline, so no headline comes from it.
    assert channel_kits.fit(channel_kits.phrasings(claim[:-1] + "s" * 20), 30) is None


def test_a_search_headline_never_claims_more_than_the_client():
    ctx = context(
        ("Instagram", 40),
        ("Google Ads", 60),
        differentiators=(
            "Free delivery for orders over £30",
            "Zero-waste delivery in reusable cotton bags",
        ),
    )

    kit = kit_of(ctx, "search")

    headlines = {h for g in kit.groups for h in g.headlines}
    assert "Free delivery" not in headlines
    assert "Zero-waste delivery" in headlines


def test_phrasings_keep_the_clients_casing():
    assert channel_kits.phrasings("iPhone repairs in Leeds") == [
        "iPhone repairs in Leeds",
        "iPhone repairs",
    ]
    assert channel_kits.offer_parts("eBay shop: first order free") == (
        "eBay shop",
        "First order free",
    )


# --- WhatsApp and SMS --------------------------------------------------------------


def test_sms_texts_fit_160_gsm7_characters_and_end_with_the_opt_out():
    ctx = context(("Instagram", 40), ("SMS", 60), faqs=FAQS)

    kit = kit_of(ctx, "sms")

    assert [m.body for m in kit.messages] == [
        "Kiln & Crumb: Thanks for signing up. Four texts about the weekly sourdough "
        "subscription until 2 Apr, nothing else. Reply STOP to opt out",
        "Kiln & Crumb: Kiln & Crumb's weekly sourdough subscription: naturally "
        "leavened 48-hour fermentation. kilnandcrumb.co.uk Reply STOP to opt out",
        "Kiln & Crumb: When is the bread baked? Overnight, for a 7am doorstep. "
        "kilnandcrumb.co.uk Reply STOP to opt out",
        "Kiln & Crumb: Can I skip a week? Yes, up to the Thursday before. "
        "kilnandcrumb.co.uk Reply STOP to opt out",
        "Kiln & Crumb: Zero-waste delivery in reusable cotton bags. "
        "kilnandcrumb.co.uk Reply STOP to opt out",
    ]
    assert kit.supply.startswith("One more text, once the client gives")
    for message in kit.messages:
        assert message.body.startswith("Kiln & Crumb: ")
        assert message.body.endswith("Reply STOP to opt out")
        length = channel_kits.sms_length(message.body)
        assert length is not None
        assert length <= 160
    assert "PECR and the UK GDPR" in kit.consent


def test_sms_length_counts_gsm7_and_refuses_unicode():
    assert channel_kits.sms_length("£9.50") == 5
    assert channel_kits.sms_length("€9") == 3
    assert channel_kits.sms_length("Roaster’s") is None


def test_a_name_outside_gsm7_gets_unicode_texts_of_70_characters():
    ctx = context(("Instagram", 40), ("SMS", 60), faqs=FAQS, brand="Zoë's Kitchen")

    kit = kit_of(ctx, "sms")
    markdown = channel_kits.kit_markdown(kit, ctx)

    assert kit.unicode
    assert [m.body for m in kit.messages] == [
        "Zoë's Kitchen: Thanks! Two texts until 2 Apr. Reply STOP to opt out",
        "Zoë's Kitchen: Weekly sourdough subscription. Reply STOP to opt out",
        "Zoë's Kitchen: Zero-waste delivery. Reply STOP to opt out",
    ]
    assert all(len(m.body) <= 70 for m in kit.messages)
    # The FAQs' answers do not fit without their questions: the kit asks for
    # shorter points, not for substance the client already gave.
    assert kit.supply == (
        "Three more texts, once the client gives shorter points: some of the "
        "brief's do not fit one 70-character Unicode text with the sender's name "
        "and the opt-out."
    )
    assert "Unicode text: 70 characters a message" in markdown
    assert "(67 characters)" in markdown


def test_typographic_punctuation_becomes_gsm7_and_keeps_160_characters():
    ctx = context(("Instagram", 40), ("SMS", 60), brand="Kiln “&” Crumb…")

    kit = kit_of(ctx, "sms")

    assert not kit.unicode
    assert kit.messages[0].body.startswith(
        'Kiln "&" Crumb...: Thanks for signing up. Two texts about'
    )
    assert all(channel_kits.sms_length(m.body) for m in kit.messages)


def test_messages_are_dated_on_working_days_inside_the_campaign():
    ctx = context(("Instagram", 60), ("WhatsApp", 40), faqs=FAQS)

    kit = kit_of(ctx, "whatsapp")

    first, *dated = kit.messages
    assert (first.when, first.day) == ("On opt-in", None)
    assert first.body.startswith(
        "Thanks for joining Kiln & Crumb on WhatsApp. Expect four more messages"
    )
    calendar = workdays.calendar_for(BAKERY.geography)
    days = [m.day for m in dated]
    assert days == [
        dt.date(2027, 1, 11),
        dt.date(2027, 2, 1),
        dt.date(2027, 2, 22),
        dt.date(2027, 3, 15),
    ]
    assert [m.when for m in dated] == [
        "Week 1, Mon 11 Jan",
        "Week 4, Mon 1 Feb",
        "Week 7, Mon 22 Feb",
        "Week 10, Mon 15 Mar",
    ]
    for day in days:
        assert day is not None
        assert BAKERY.start_date <= day <= ctx.facts.end
        assert workdays.is_working_day(day, calendar)


# --- Events, print and podcast ------------------------------------------------------


def test_a_b2b_trade_fair_gets_a_stand_demo_and_meeting_booking():
    ctx = context(
        ("LinkedIn", 60),
        ("Events", 40),
        industry="Industrial valve manufacturing",
        industry_family="b2b_industrial",
        objective="Partnerships",
        primary_offer="PN 160 forged ball valves, ISO 9001 certified, 30% trade margin",
        differentiators=("Every valve pressure-tested with a 3.1 certificate",),
    )

    kit = kit_of(ctx, "events")

    assert kit.kind == "trade_fair"
    assert len(kit.events) == 3
    fair = kit.events[0]
    assert fair.demo == (
        "A ten-minute demo at the stand: every valve pressure-tested with a 3.1 "
        "certificate, shown on a sample and its paperwork."
    )
    assert fair.meetings.startswith("Twenty-minute meetings booked before the fair")
    assert fair.follow_up.startswith("Within two working days")
    # The first fair leaves four weeks to send the meeting invitations.
    assert fair.when == "Week 5, from Mon 8 Feb"


def test_a_stand_names_the_city_once():
    ctx = context(("Instagram", 60), ("Events", 40), target_audience="Commuters")

    kit = kit_of(ctx, "events")

    assert [e.where for e in kit.events] == ["Shops and noticeboards in Leeds"] * 3
    assert events.spot_in_place("shops", "Leeds") == "Shops in Leeds"


def test_print_copy_is_sized_for_older_readers_when_the_audience_includes_them():
    ctx = context(
        ("Facebook", 70),
        ("Print", 30),
        target_audience="Adults over 65 and carers in Leeds",
    )

    kit = kit_of(ctx, "print")

    assert [p.format for p in kit.pieces] == ["A5 flyer", "A3 poster", "DL leaflet"]
    assert kit.accessibility.startswith("Body text at 14 pt or larger")
    assert kit.pieces[0].placement == (
        "GP surgeries, pharmacies, libraries and community centres"
    )


def test_podcast_reads_last_about_thirty_seconds():
    ctx = context(
        ("Instagram", 55),
        ("Podcast", 45),
        proof_points=(
            "Baked in Leeds since 2015",
            "Sold out every Saturday at Kirkgate Market",
        ),
    )

    kit = kit_of(ctx, "podcast")

    assert [(r.angle, r.words, r.seconds) for r in kit.reads] == [
        ("The difference: naturally leavened 48-hour fermentation", 68, 25),
        ("The difference: zero-waste delivery in reusable cotton bags", 68, 25),
        ("The offer", 70, 30),
    ]
    for read in kit.reads:
        assert 60 <= read.words <= 80, read.script
        assert read.script.endswith(
            "That's Kiln & Crumb. Order online at kilnandcrumb.co.uk."
        )


def test_a_thin_brief_gets_a_shorter_read_labelled_with_its_length():
    kit = kit_of(context(("Instagram", 85), ("Podcast", 15)), "podcast")

    (read,) = kit.reads[:1]
    assert (read.words, read.seconds) == (56, 20)
    assert "(56 words, about 20 seconds)" in channel_kits.kit_markdown(
        kit, context(("Instagram", 85), ("Podcast", 15))
    )


def test_the_regenerated_variant_lays_the_same_kits_out_differently():
    first = channel_kits.kits_markdown(context(*ALL_CHANNELS))
    again = channel_kits.kits_markdown(context(*ALL_CHANNELS, variant=1))

    assert first != again
    assert first == channel_kits.kits_markdown(context(*ALL_CHANNELS))


# --- In the campaign pack ----------------------------------------------------------


@pytest.mark.django_db
def test_the_campaign_pack_puts_search_under_ads_and_whatsapp_under_flows(written):
    _, draft = written("roasters_choice_coffee.json", CAMPAIGN)

    ads = body(draft, "ad_concepts")
    flows = body(draft, "email_and_crm_flows")
    assert "### Google Ads: search campaign" in ads
    assert "| Shared headline 1 |" in ads
    assert "| Ad group | Pinned headline | Characters |" in ads
    assert "### WhatsApp: opt-in message sequence" in flows
    assert "Reply STOP" in flows
    assert "Google Ads" not in body(draft, "promotions_and_offers").split("###")[-1]


@pytest.mark.django_db
@pytest.mark.parametrize("variant", [0, 1])
def test_the_quick_pack_puts_the_kits_after_the_calendars_posts(written, variant):
    _, quick = written("roasters_choice_coffee.json", QUICK, variant)
    _, campaign = written("roasters_choice_coffee.json", CAMPAIGN, variant)

    calendar = body(quick, "detailed_30_day_calendar")
    posts, kits = calendar.split(content.KITS_HEADING)
    assert "### Post copy" in posts
    assert [h for h in re.findall(r"^### (.+)$", kits, re.MULTILINE)] == [
        "Google Ads: search campaign",
        "WhatsApp: opt-in message sequence",
    ]
    # The campaign pack has sections of its own for them: its calendar is posts only.
    assert content.KITS_HEADING not in body(campaign, "detailed_30_day_calendar")


@pytest.mark.django_db
def test_a_brief_without_funded_non_posting_channels_gets_no_kit(written):
    _, draft = written("harvest_table_restaurant.json", CAMPAIGN)

    headings = [
        heading
        for key in ("ad_concepts", "email_and_crm_flows", "promotions_and_offers")
        for heading in re.findall(r"^### (.+)$", body(draft, key), re.MULTILINE)
    ]
    assert headings
    assert not [
        h
        for h in headings
        if re.search(r"^(?:Google Ads|WhatsApp|SMS|Events|Print|Podcast):", h)
    ]


@pytest.mark.django_db
def test_the_valve_makers_events_become_a_trade_fair_plan():
    ex = example("hartmann_valves_distributors.json", CAMPAIGN, key="kits")
    ctx = build_context(
        brief=ex.brief, strategy=ex.strategy, pack=STRATEGY_CAMPAIGN_STANDARD
    )

    kits = channel_kits.build_kits(ctx)

    assert [k.channel.kind for k in kits] == ["events"]
    assert isinstance(kits[0], channel_kits.EventKit)
    assert kits[0].kind == "trade_fair"
