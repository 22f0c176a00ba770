"""Posts that keep their word (issue 12, items 1 and 4), on all ten briefs.

Each brief goes through onboarding and strategy as a run takes it; production then
writes its draft in both packs and both calendar variants. The tests read the posts
and the calendar a client reads: no body twice, no opening frame on more than a fifth
of the posts, no post type on more than two fifths, no sentence shared with another
client, the offer quoted whole and its specifics used, posting days and formats from
the playbook, and the direct ask only once the conversion path is live. Small briefs
built here show what a post type needs and what the calendar asks for instead.
"""

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from fractions import Fraction

import pytest

from aicmo_site.kernel.briefs import Faq, KeyDate, Location
from aicmo_site.writing import specifics, text
from aicmo_site.writing.playbooks import playbook_for
from production import api as production_api
from production.dto import PostData
from production.generation import calls, substance
from production.generation import posts as posts_module
from production.generation.base import CALENDAR_HEADER, scrub_value
from production.generation.context import build_context
from production.generation.posts import (
    PlannedPost,
    build_hashtags,
    frame_of,
    plan_posts,
)
from production.generation.sections import content
from production.generation.template import TemplateGenerator
from production.packs import QUICK_SOCIAL_BASIC
from qc.rules import MIN_CALENDAR_POSTS
from tests.briefs import BAKERY, make_brief
from tests.production.conftest import BAKERY_STRATEGY
from tests.production.examples import EXAMPLE_BRIEFS, EXAMPLES, PACKS, example

pytestmark = pytest.mark.django_db

HARTMANN = "hartmann_valves_distributors.json"
BRIEFS = tuple(
    dict.fromkeys(
        (*EXAMPLE_BRIEFS, *((HARTMANN,) if (EXAMPLES / HARTMANN).exists() else ()))
    )
)
VARIANTS = (0, 1)
CALENDAR = "detailed_30_day_calendar"
WEEKDAY_FAMILIES = {"b2b_industrial", "saas", "public_sector_health"}
# Calls to action that need a landing page, a form or checkout.
DIRECT_ASK = re.compile(
    r"^(?:Book|Order|Start|Get|Apply|Enquire|Claim|Log in|Refer|See the open roles)\b"
)
HASHTAG = re.compile(r"(?<![\w&#/])#[A-Za-z][A-Za-z0-9_]*")
FORMAT_TEXT = " ".join((content.CALENDAR_GUIDE, content.CALENDAR_GUIDE_WEEKLY))
COPY_HEADING = re.compile(r"^\*\*\w{3} \d{1,2} \w{3} · ")
# How a "To supply" line names the post type it is for.
LABELS = {
    "faq": "FAQ",
    "myth": "myth-and-fact",
    "tip": "tip",
    "story": "story",
    "location": "location",
    "key_date": "key-date",
    "proof": "proof",
    "how_it_works": "how-it-works",
    "behind_the_scenes": "behind-the-scenes",
    "checklist": "checklist",
    "comparison": "before-and-after",
    "offer": "offer",
}


@dataclasses.dataclass(frozen=True)
class Calendar:
    """One brief's calendar in one pack and variant, as written and as planned."""

    name: str
    pack: str
    variant: int
    brief: object
    strategy: object
    planned: tuple[PlannedPost, ...]
    body: str

    @property
    def posts(self) -> tuple[PostData, ...]:
        return tuple(p.post for p in self.planned)


# Written once for the module: the calendars are plain data, read by every test.
_WRITTEN: dict[tuple, Calendar] = {}


@pytest.fixture
def calendars(db) -> dict[tuple, Calendar]:
    """Every brief's calendar in both packs and variants."""
    if not _WRITTEN:
        _WRITTEN.update(_write_all())
    return _WRITTEN


def _write_all() -> dict[tuple, Calendar]:
    found: dict[tuple, Calendar] = {}
    for name in BRIEFS:
        for pack in PACKS:
            ex = example(name, pack, key=f"substance:{name}:{pack}")
            pack_data = production_api.pack_get(key=pack)
            for variant in VARIANTS:
                draft = TemplateGenerator().generate(
                    brief=ex.brief,
                    strategy=ex.strategy,
                    pack=pack_data,
                    variants={CALENDAR: variant},
                )
                ctx = build_context(
                    brief=ex.brief, strategy=ex.strategy, pack=pack_data
                ).with_variant(variant)
                planned = plan_posts(
                    ctx, build_hashtags(ctx.facts, ex.brief.banned_words)
                )
                written = tuple(p.post for p in planned)
                assert scrub_value(written, ex.brief.banned_words) == draft.posts
                found[(name, pack, variant)] = Calendar(
                    name=name,
                    pack=pack,
                    variant=variant,
                    brief=ex.brief,
                    strategy=ex.strategy,
                    planned=planned,
                    body=next(s.body for s in draft.sections if s.key == CALENDAR),
                )
    return found


def every(calendars):
    return list(calendars.values())


def body_of(post: PostData) -> str:
    """The copy between the hook (or an email's subject lines) and the CTA."""
    return post.caption.split("\n\n")[1]


def words_frame(hook: str) -> str:
    """A hook's first three words, casefolded, punctuation dropped."""
    words = [w.strip(".,:;!?'\"“”‘’()") for w in hook.casefold().split()]
    return " ".join([w for w in words if w][:3])


def sentences_of(calendar_body: str) -> list[str]:
    """The calendar's sentences of copy: its prose and post copy, not its table."""
    found = []
    for line in calendar_body.splitlines():
        line = line.strip().removeprefix(">").strip().removeprefix("- ")
        if (
            not line
            or line.startswith(("|", "#"))
            or COPY_HEADING.match(line)
            or HASHTAG.fullmatch(line.split()[0])
        ):
            continue
        found += [s for s in re.split(r"(?<=[.!?])\s+", line) if s]
    return found


# --- the ten briefs -----------------------------------------------------------------


def test_all_ten_briefs_are_covered(calendars):
    assert len(BRIEFS) == 10
    assert len(calendars) == 10 * len(PACKS) * len(VARIANTS)


def test_no_post_body_is_written_twice(calendars):
    for cal in every(calendars):
        bodies = [re.sub(r"\s+", " ", body_of(p).casefold()) for p in cal.posts]

        assert len(bodies) == len(set(bodies)), (cal.name, cal.pack, cal.variant)


def test_no_opening_frame_opens_more_than_a_fifth_of_the_posts(calendars):
    for cal in every(calendars):
        frames = Counter(words_frame(p.hook) for p in cal.posts)
        frame, most = frames.most_common(1)[0]

        assert Fraction(most, len(cal.posts)) <= Fraction(1, 5), (cal.name, frame)
        assert all(frame_of(p.hook) == words_frame(p.hook) for p in cal.posts)


def test_no_post_type_carries_more_than_two_fifths_of_the_posts(calendars):
    for cal in every(calendars):
        kinds = Counter(p.kind for p in cal.planned)
        kind, most = kinds.most_common(1)[0]

        assert Fraction(most, len(cal.posts)) <= Fraction(2, 5), (cal.name, kind)
        assert len(kinds) >= 4, (cal.name, kinds)


def test_every_calendar_keeps_at_least_the_qc_minimum_of_posts(calendars):
    for cal in every(calendars):
        assert len(cal.posts) >= 14, (cal.name, cal.pack, cal.variant)
        assert CALENDAR_HEADER in cal.body


def client_words(brief) -> str:
    """Everything the client wrote in the brief, which copy may quote as written."""
    faqs = [f"{f.question} {f.answer}" for f in brief.faqs]
    return " ".join(
        [brief.primary_offer, *brief.differentiators, *brief.proof_points, *faqs]
    ).casefold()


def test_no_sentence_of_a_calendar_is_shared_with_another_client(calendars):
    owners: dict[str, set[str]] = defaultdict(set)
    for cal in every(calendars):
        quoted = client_words(cal.brief)
        # The funded channels' kits after the posts carry fixed legal text (opt-out
        # and quiet-hours rules); tests/production/test_channel_kits.py covers them.
        posts_part = cal.body.split(content.KITS_HEADING)[0]
        for sentence in sentences_of(posts_part):
            # The client's own words ("Yes." opening an FAQ answer) are theirs, and
            # the guide to reading the calendar is format text.
            if sentence.casefold() not in quoted and sentence not in FORMAT_TEXT:
                owners[sentence.casefold()].add(cal.name)

    shared = {s: names for s, names in owners.items() if len(names) > 1}
    assert shared == {}


def test_the_first_post_quotes_the_offer_whole_and_later_posts_do_not(calendars):
    for cal in every(calendars):
        offer = text.clean(cal.brief.primary_offer)
        whole = [p for p in cal.posts if offer.casefold() in p.caption.casefold()]

        assert cal.posts[0].caption.startswith(offer) or (
            offer.casefold() in cal.posts[0].hook.casefold()
        ), cal.name
        assert whole == [cal.posts[0]], cal.name


def test_each_selling_specific_of_the_offer_appears_in_a_second_post(calendars):
    for cal in every(calendars):
        brief = cal.brief
        found = specifics.selling(
            specifics.offer_specifics(brief.primary_offer, brief.differentiators)
        )
        for specific in (s for s in found if s.source == "offer"):
            carrying = [
                p for p in cal.posts if specific.text.casefold() in p.caption.casefold()
            ]

            assert len(carrying) >= 2, (cal.name, specific.text)


def test_b2b_and_public_sector_calendars_never_post_at_weekends(calendars):
    checked = set()
    for cal in every(calendars):
        playbook = playbook_for(cal.brief)
        if playbook.family not in WEEKDAY_FAMILIES:
            continue
        checked.add(playbook.family)
        for post in cal.posts:
            assert post.date.weekday() < 5, (cal.name, post.date, post.platform)
            days = playbook.posting_days.get(post.platform.casefold())
            assert days is None or post.date.weekday() in days, (cal.name, post)

    assert checked == WEEKDAY_FAMILIES


def test_the_valve_makers_youtube_is_long_technical_video_not_only_shorts(calendars):
    for pack in PACKS:
        youtube = [
            p.format
            for p in calendars[(HARTMANN, pack, 0)].posts
            if p.platform == "YouTube"
        ]

        assert youtube
        assert any("Long technical video" in f or "walkthrough" in f for f in youtube)
        linkedin = [
            p.date.weekday()
            for p in calendars[(HARTMANN, pack, 0)].posts
            if p.platform == "LinkedIn"
        ]
        assert linkedin
        assert set(linkedin) <= {0, 1, 2, 3}


def test_no_direct_ask_before_the_conversion_path_is_live(calendars):
    asked = set()
    for cal in every(calendars):
        plan = calls.call_plan(cal.strategy)
        for post in cal.posts:
            if DIRECT_ASK.match(post.cta):
                assert plan.conversion is not None, (cal.name, post.cta)
                assert post.date > plan.conversion, (cal.name, post.date, post.cta)
                asked.add(cal.brief.objective)

    # The briefs that sell, take leads, hire or retain do ask, once it is live.
    assert {"Sales", "Leads", "Hiring", "Retention"} <= asked


def test_hashtags_are_words_never_a_lone_promo_word(calendars):
    for cal in every(calendars):
        tags = set(HASHTAG.findall("\n".join(p.caption for p in cal.posts)))

        assert tags, cal.name
        assert {t for t in tags if text.hashtag_problems(t)} == set()
        assert not tags & {"#Free", "#RoasterS", "#FoodLovers"}


def test_a_brief_faq_is_posted_with_its_question_and_the_clients_answer(calendars):
    for cal in every(calendars):
        faqs = cal.brief.faqs
        posts = [p for p in cal.planned if p.kind in {"faq", "myth"}]
        if not faqs:
            assert posts == [], cal.name
            continue
        assert posts, cal.name
        for planned in posts:
            faq = next(f for f in faqs if text.clean(f.answer) in planned.post.caption)
            question = text.clean(faq.question).rstrip("?").casefold()
            assert question in planned.post.caption.casefold()
            if planned.kind == "myth":
                assert re.match(r"(?i)no\b|not\b", faq.answer), faq


def test_the_calendar_says_what_the_agency_needs_for_each_missing_post_type(
    calendars,
):
    for cal in every(calendars):
        ctx = build_context(
            brief=cal.brief,
            strategy=cal.strategy,
            pack=production_api.pack_get(key=cal.pack),
        )
        fillable = substance.substance_for(ctx).fillable()
        wanted = playbook_for(cal.brief).post_types
        needed = re.findall(
            r"^- \*\*To supply:\*\* .+ \(for (.+?) posts\)\.$", cal.body, re.M
        )

        assert sorted(needed) == sorted(
            LABELS[kind] for kind in wanted if kind not in fillable
        ), cal.name
        # The types the calendar uses are the ones the brief can fill.
        assert {p.kind for p in cal.planned} <= set(fillable)


# --- what a post type needs ---------------------------------------------------------


def bakery_posts(**changes) -> tuple[tuple[PlannedPost, ...], str]:
    brief = make_brief(BAKERY, **changes)
    ctx = build_context(brief=brief, strategy=BAKERY_STRATEGY, pack=QUICK_SOCIAL_BASIC)
    planned = plan_posts(ctx, build_hashtags(ctx.facts, brief.banned_words))
    needed = substance.substance_for(ctx).to_supply
    return planned, "\n".join(needed)


def test_without_faqs_there_is_no_faq_post_and_the_calendar_asks_for_them():
    planned, needed = bakery_posts()

    assert [p for p in planned if p.kind in {"faq", "myth"}] == []
    assert (
        "the five questions busy professionals ask most before choosing the weekly "
        "sourdough subscription, each with the answer Kiln & Crumb gives (for FAQ "
        "posts)"
    ) in needed


def test_an_faq_answered_no_is_a_myth_and_one_answered_yes_is_an_faq():
    planned, needed = bakery_posts(
        faqs=(
            Faq(
                question="Does sourdough go stale faster?",
                answer="No. A 48-hour ferment keeps it fresh for four days.",
            ),
            Faq(
                question="Can I pause a week?",
                answer="Yes. Pause any week from your account by Thursday noon.",
            ),
        )
    )

    by_kind = {p.kind: p.post for p in planned if p.kind in {"faq", "myth"}}
    assert set(by_kind) == {"faq", "myth"}
    assert by_kind["myth"].theme == "Myth or fact: does sourdough go stale faster?"
    assert "does sourdough go stale faster?" in by_kind["myth"].hook.casefold()
    assert by_kind["myth"].caption.split("\n\n")[1] == (
        "No. A 48-hour ferment keeps it fresh for four days."
    )
    assert by_kind["faq"].caption.split("\n\n")[1] == (
        "Yes. Pause any week from your account by Thursday noon."
    )
    assert "(for FAQ posts)" not in needed


def test_a_location_post_writes_out_the_address_and_the_hours():
    planned, needed = bakery_posts(
        locations=(
            Location(
                name="Kiln & Crumb Chapel Allerton",
                address="88 Harrogate Road, Leeds LS7 4LZ",
                hours="Tuesday to Sunday, 7am to 3pm",
            ),
        )
    )

    [post] = [p.post for p in planned if p.kind == "location"]
    assert "Address: 88 Harrogate Road, Leeds LS7 4LZ." in post.caption
    assert "Opening hours: Tuesday to Sunday, 7am to 3pm." in post.caption
    assert "(for location posts)" not in needed


def test_a_key_date_runs_before_its_day_and_one_outside_the_month_is_not_posted():
    planned, needed = bakery_posts(
        key_dates=(
            KeyDate(date=dt.date(2027, 1, 30), label="Kiln & Crumb open bakehouse day"),
            KeyDate(date=dt.date(2027, 6, 5), label="Leeds Bread Festival"),
        )
    )

    dated = [p.post for p in planned if p.kind == "key_date"]
    assert len(dated) == 1
    assert dt.date(2027, 1, 20) <= dated[0].date < dt.date(2027, 1, 30)
    assert "Saturday 30 January 2027" in dated[0].caption
    assert "Leeds Bread Festival" not in "\n".join(p.post.caption for p in planned)
    assert "(for key-date posts)" not in needed


def test_a_belief_is_never_answered_with_an_invented_correction():
    # An education brief: its playbook wants myth-and-fact posts.
    brief = make_brief(
        BAKERY,
        industry_family="education",
        pain_points=(
            "Thinking sourdough is too sour for children",
            "Supermarket bread goes stale in two days",
        ),
    )
    ctx = build_context(brief=brief, strategy=BAKERY_STRATEGY, pack=QUICK_SOCIAL_BASIC)
    m = substance.material_of(ctx.facts, brief.primary_offer, brief.differentiators)

    assert substance.answer_for(m, ctx.facts.pains[0]) is None
    assert "the facts that correct 'sourdough is too sour for children'" in (
        "\n".join(substance.substance_for(ctx).to_supply)
    )


def test_a_pain_point_meets_the_differentiator_that_shares_its_words():
    brief = make_brief(
        BAKERY,
        pain_points=("Long lead times from current valve suppliers",),
        differentiators=(
            "Every valve pressure-tested with a 3.1 inspection certificate",
            "Six-week lead time on standard sizes",
        ),
    )
    ctx = build_context(brief=brief, strategy=BAKERY_STRATEGY, pack=QUICK_SOCIAL_BASIC)
    m = substance.material_of(ctx.facts, brief.primary_offer, brief.differentiators)

    answer = substance.answer_for(m, ctx.facts.pains[0])
    assert answer == substance.Answer(
        text="six-week lead time on standard sizes", key="diff:1"
    )


def test_a_direct_ask_waits_for_the_day_after_the_conversion_milestone():
    strategy = dataclasses.replace(
        BAKERY_STRATEGY,
        milestones=(
            *BAKERY_STRATEGY.milestones,
            dataclasses.replace(
                BAKERY_STRATEGY.milestones[0],
                week=3,
                date=dt.date(2027, 1, 25),
                title="Conversion path live",
            ),
        ),
    )

    plan = calls.call_plan(strategy)

    assert plan == calls.CallPlan(
        tracking=dt.date(2027, 1, 11), conversion=dt.date(2027, 1, 25)
    )
    assert not plan.allows(calls.CONVERT, dt.date(2027, 1, 25))
    assert plan.allows(calls.CONVERT, dt.date(2027, 1, 26))
    assert not plan.allows(calls.VISIT, dt.date(2027, 1, 11))
    assert plan.allows(calls.ENGAGE, dt.date(2027, 1, 11))
    assert not calls.call_plan(BAKERY_STRATEGY).allows(
        calls.CONVERT, dt.date(2027, 2, 9)
    )


def test_frames_ignore_punctuation_so_near_copies_count_as_one():
    assert frame_of("Tip: pause, skip or cancel.") == "tip pause skip"
    assert frame_of("Tip pause skip later") == frame_of("TIP: Pause, skip!")
    assert frame_of("Before: a. After: b.") != frame_of("Behind the scenes: a.")


# --- the reviewer's odd briefs (issue 12 follow-up) ---------------------------------

COFFEE_OFFER = (
    "Roaster's Choice Subscription: first bag 50% off, then £9.50 per bag, cancel "
    "anytime"
)
VALVE_OFFER = (
    "PN 160 rated forged ball valves (DN 15-300), ISO 9001 certified, built to DIN "
    "and ANSI standards, for distributors with protected territories and 30% trade "
    "margin"
)
THIN_BRIEFS = {
    "one pain, nothing else": {
        "pain_points": ("No time to queue at independent bakeries",),
        "differentiators": (),
        "desired_outcomes": (),
    },
    "coffee terms, one pain": {
        "primary_offer": COFFEE_OFFER,
        "pain_points": ("Supermarket coffee tastes flat and stale",),
        "differentiators": (),
        "desired_outcomes": (),
    },
    "valves, one pain": {
        "primary_offer": VALVE_OFFER,
        "industry_family": "b2b_industrial",
        "pain_points": ("Long lead times from current valve suppliers",),
        "differentiators": (),
        "desired_outcomes": (),
    },
}


def subject_and_preview(post: PostData) -> tuple[str, str]:
    head = post.caption.split("\n\n")[0]
    subject = re.search(r"^Subject line: (.+)$", head, re.M)
    preview = re.search(r"^Preview text: (.+)$", head, re.M)
    assert subject, post.caption
    assert preview, post.caption
    return subject.group(1), preview.group(1)


def test_the_calendar_never_falls_below_the_qc_minimum_of_posts():
    assert posts_module.MIN_FILLED == MIN_CALENDAR_POSTS


@pytest.mark.parametrize("changes", THIN_BRIEFS.values(), ids=THIN_BRIEFS.keys())
def test_a_thin_brief_still_fills_the_qc_minimum_without_repeating_itself(changes):
    planned, _ = bakery_posts(**changes)

    assert len(planned) >= MIN_CALENDAR_POSTS
    bodies = [body_of(p.post) for p in planned]
    assert len(set(bodies)) == len(bodies)
    frames = Counter(frame_of(p.post.hook) for p in planned)
    assert max(frames.values()) <= max(1, len(planned) // 5), frames


def test_spare_ideas_do_not_count_as_a_filled_post_type():
    brief = make_brief(BAKERY, **THIN_BRIEFS["one pain, nothing else"])
    ctx = build_context(brief=brief, strategy=BAKERY_STRATEGY, pack=QUICK_SOCIAL_BASIC)
    sub = substance.substance_for(ctx)

    assert {i.move for i in sub.ideas if i.spare} == {"pain_poll", "offer_audience"}
    assert "comparison" not in sub.fillable()


def test_an_email_preview_adds_a_detail_the_subject_does_not_give():
    preview = posts_module.preview_text(
        "£9.50 per bag",
        "£9.50 per bag",
        "Part of what Kiln & Crumb offers busy professionals: £9.50 per bag.",
    )
    assert preview == (
        "Part of what Kiln & Crumb offers busy professionals: £9.50 per bag."
    )
    assert posts_module.preview_text(
        "How it works at Kiln & Crumb, in two steps",
        "How it works at Kiln & Crumb",
        "Step one: first bag 50% off. Step two: £9.50 per bag.",
    ) == ("Step one: first bag 50% off.")
    # A one-word answer is passed over for the detail after it.
    assert posts_module.preview_text(
        "Can I pause a week?",
        "FAQ: can I pause a week?",
        "Yes. Pause any week from your account by Thursday noon.",
    ) == ("Pause any week from your account by Thursday noon.")


@pytest.mark.parametrize("changes", THIN_BRIEFS.values(), ids=THIN_BRIEFS.keys())
def test_no_email_preview_repeats_its_subject(changes):
    planned, _ = bakery_posts(**changes)
    emails = [p.post for p in planned if p.post.platform == "Email"]

    assert emails
    for post in emails:
        subject, preview = subject_and_preview(post)
        assert text_key(preview) not in text_key(subject), post.caption


def text_key(value: str) -> str:
    return re.sub(r"\W+", " ", value.casefold()).strip()


def test_no_email_preview_in_the_ten_briefs_repeats_its_subject(calendars):
    for cal in every(calendars):
        for post in cal.posts:
            if post.platform != "Email":
                continue
            subject, preview = subject_and_preview(post)
            assert text_key(preview) not in text_key(subject), (cal.name, subject)


def test_a_key_date_label_that_names_its_weekday_is_not_followed_by_it_again():
    planned, _ = bakery_posts(
        key_dates=(
            KeyDate(date=dt.date(2027, 1, 30), label="Saturday open bakehouse day"),
        )
    )

    [post] = [p.post for p in planned if p.kind == "key_date"]
    assert post.theme == "Saturday open bakehouse day, 30 January 2027"
    assert "Saturday 30 January" not in post.caption


@pytest.mark.parametrize(
    ("objective", "offer", "family", "expected"),
    [
        (
            "Sales",
            VALVE_OFFER,
            "b2b_industrial",
            ("Request a quote for {name} {link}", "Order {name} {link}"),
        ),
        (
            "Leads",
            VALVE_OFFER,
            "b2b_industrial",
            ("Request a quote for {name} {link}", "Enquire about {name} {link}"),
        ),
        ("Sales", COFFEE_OFFER, "consumer_subscription", ("Start {name} {link}",)),
        (
            "Leads",
            "Free 45-minute GCSE diagnostic assessment plus a personalised study "
            "plan; sessions £28 per session",
            "education",
            ("Book {name} {link}", "Enquire about {name} {link}"),
        ),
        ("Sales", "Hand-thrown stoneware mugs", "other", ("Order {name} {link}",)),
    ],
)
def test_a_direct_ask_uses_a_verb_that_fits_the_offer(
    objective, offer, family, expected
):
    assert calls.convert_calls(objective, offer, family)[: len(expected)] == expected


def test_the_valve_makers_direct_ask_is_a_quote_never_start_or_book(db):
    ex = example(HARTMANN, "strategy_campaign_standard")
    family = playbook_for(ex.brief).family

    assert family == "b2b_industrial"
    for objective in ("Sales", "Leads"):
        asks = calls.convert_calls(objective, ex.brief.primary_offer, family)
        assert asks[0] == "Request a quote for {name} {link}"
        assert not any(ask.startswith(("Start", "Book")) for ask in asks)


def test_the_sounds_like_you_call_follows_only_a_list_of_situations():
    signs = calls.engage_for("checklist_signs", "checklist")
    includes = calls.engage_for("checklist_includes", "checklist")

    assert signs == "Tell {brand} in the comments which one sounds like you"
    assert includes == "Tell {brand} in the comments which of these matters most"


def test_no_features_checklist_in_the_ten_briefs_asks_which_sounds_like_you(
    calendars,
):
    for cal in every(calendars):
        for planned in cal.planned:
            if planned.move == "checklist_includes":
                assert "sounds like you" not in planned.post.cta, cal.name


def test_no_post_quotes_an_offer_part_that_opens_with_a_preposition(calendars):
    # "Hartmann Armaturen: for distributors …" and "Also in the offer: for …" are
    # fragments; a part opening with "for" is written "made for …".
    fragment = re.compile(r":\s(?:for|to|towards)\s")
    for cal in every(calendars):
        for post in cal.posts:
            assert not fragment.search(post.caption), (cal.name, post.caption)
            assert not fragment.search(post.theme), (cal.name, post.theme)
