import datetime as dt
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from aicmo_site.kernel import events
from aicmo_site.writing.text import banned_pattern
from cam import api, outreach
from cam.errors import (
    BannedWordInOutreach,
    CampaignCompleted,
    CampaignNotActive,
    LeadNotContactable,
    LeadNotFound,
    LeadSuppressed,
    ValidationFailed,
)
from cam.models import OutreachAttempt, OutreachPlan
from tests.cam.factories import CampaignFactory, LeadFactory, lead_in

pytestmark = pytest.mark.django_db

UTC = dt.UTC
# Monday 11 January 2027, 08:00 in Berlin (UTC+1): before the 09:00 window opens.
MONDAY_0800_BERLIN = dt.datetime(2027, 1, 11, 7, 0, tzinfo=UTC)
JANE = {
    "name": "Jane Doe",
    "email": "jane@acme-dental.example",
    "company": "Acme Dental",
    "role": "Practice manager",
    "pain_points": "No-shows; slow winter bookings",
}


def _campaign(**overrides):
    values = {
        "niche": "Dental clinics",
        "offer": "Patient acquisition retainer",
        "send_timezone": "Europe/Berlin",
        "daily_send_cap": 4,
    }
    return CampaignFactory(**(values | overrides))


def _plan(lead, start=MONDAY_0800_BERLIN):
    return api.lead_plan_outreach(lead_id=lead.id, start=start)


def _times(plan):
    return [
        (m.channel.value, m.step, m.scheduled_for, m.send_date) for m in plan.messages
    ]


def _utc(day, hour, minute=0):
    return dt.datetime(2027, 1, day, hour, minute, tzinfo=UTC)


def _slot_times(window, day, count):
    """The send times of a day's first ``count`` slots: a day already that busy."""
    opens = dt.datetime.combine(day, window.start, tzinfo=ZoneInfo(window.timezone))
    spacing = dt.timedelta(seconds=outreach.slot_seconds(window))
    return {(opens + k * spacing).astimezone(UTC) for k in range(count)}


def _content(plan):
    """The plan without ids, as JSON text: what must be byte-identical."""
    return json.dumps(
        [
            [
                m.position,
                m.channel,
                m.step,
                m.subject,
                m.body,
                m.scheduled_for.isoformat(),
                m.send_date.isoformat(),
                m.status,
            ]
            for m in plan.messages
        ]
    )


def test_the_plan_is_the_documented_personalised_sequence():
    lead = LeadFactory(campaign=_campaign(), **JANE)

    result = _plan(lead)

    plan = result.plan
    assert result.created is True
    assert plan.id.startswith("plan_")
    assert (plan.lead_id, plan.campaign_id, plan.timezone) == (
        lead.id,
        lead.campaign_id,
        "Europe/Berlin",
    )
    assert plan.starts_after == MONDAY_0800_BERLIN
    assert [(m.position, m.channel.value, m.step) for m in plan.messages] == [
        (1, "EMAIL", "intro"),
        (2, "EMAIL", "follow_up"),
        (3, "EMAIL", "break_up"),
        (4, "LINKEDIN", "connection_note"),
        (5, "LINKEDIN", "follow_up"),
    ]
    intro, follow_up, break_up, note, linkedin = plan.messages
    assert intro.subject == "An idea for Acme Dental"
    assert intro.body == (
        "Hi Jane,\n\n"
        "As practice manager at Acme Dental, you will know that many dental clinics "
        "struggle with no-shows. What we do for dental clinics: patient acquisition "
        "retainer.\n\n"
        "Would a 15-minute call next week be useful to see whether it fits Acme "
        "Dental?"
    )
    assert follow_up.subject == "Re: An idea for Acme Dental"
    assert follow_up.body == (
        "Hi Jane,\n\n"
        "A short follow-up on my note about no-shows. The goal for Acme Dental would "
        "be simple: no more no-shows.\n\n"
        "Is this on your list for this quarter? A one-line reply is enough."
    )
    assert break_up.subject == "Closing the loop, Jane"
    assert break_up.body == (
        "Hi Jane,\n\n"
        "I have not heard back, so I will assume now is not the right time for Acme "
        "Dental to look at no-shows. If that changes, reply to this email and I will "
        "send you the details of our patient acquisition retainer.\n\n"
        "Thank you for your time."
    )
    assert note.subject == ""
    assert note.body == (
        "Hi Jane, I work with dental clinics on no-shows and would be glad to "
        "connect with you at Acme Dental."
    )
    assert len(note.body) <= outreach.LINKEDIN_NOTE_MAX_CHARS
    assert linkedin.body == (
        "Thanks for connecting, Jane. I help dental clinics with no-shows, through "
        "our patient acquisition retainer. Would you be open to a short call next "
        "week to see whether it fits your work at Acme Dental?"
    )


@pytest.mark.parametrize(
    ("role", "opening"),
    [
        ("Practice Owner", "As practice owner at Acme Dental"),
        ("practice owner", "As practice owner at Acme Dental"),
        ("CEO", "As CEO at Acme Dental"),
        ("VP of Sales", "As VP of sales at Acme Dental"),
        ("Head Of R&D", "As head of R&D at Acme Dental"),
        ("Co-Founder", "As co-founder at Acme Dental"),
    ],
)
def test_the_role_reads_in_lower_case_except_its_acronyms(role, opening):
    lead = LeadFactory(campaign=_campaign(), **(JANE | {"role": role}))

    intro = _plan(lead).plan.messages[0]

    assert intro.body.splitlines()[2] == (
        f"{opening}, you will know that many dental clinics struggle with no-shows. "
        "What we do for dental clinics: patient acquisition retainer."
    )


@pytest.mark.parametrize(
    ("role", "phrase"),
    [
        ("Sales Lead", "sales lead"),
        ("iOS Lead", "iOS lead"),
        ("Head of SEO", "head of SEO"),
    ],
)
def test_role_phrase_keeps_acronyms_and_inner_capitals(role, phrase):
    assert outreach.role_phrase(role) == phrase


def test_simulation_mode_records_proofs_and_sends_nothing():
    lead = LeadFactory(campaign=_campaign(mode="SIMULATION"), **JANE)

    with events.recording() as recorded:
        plan = _plan(lead).plan

    assert {m.status.value for m in plan.messages} == {"PROOF_SENT"}
    assert (
        list(OutreachAttempt.objects.values_list("status", flat=True))
        == ["PROOF_SENT"] * 5
    )
    assert mail.outbox == []
    assert recorded == []
    assert OutreachPlan.objects.get().mode == "SIMULATION"


def test_live_mode_queues_every_message_for_delivery():
    lead = LeadFactory(campaign=_campaign(mode="LIVE"), **JANE)

    plan = _plan(lead).plan

    assert plan.mode.value == "LIVE"
    assert [m.status.value for m in plan.messages] == ["QUEUED"] * 5
    assert mail.outbox == []


def test_send_times_follow_the_window_the_cap_and_the_sequence():
    campaign = _campaign()  # Berlin, 09:00-17:00, 4 a day: a slot every 2 hours
    leads = [
        LeadFactory(campaign=campaign, **(JANE | {"email": f"p{n}@acme.example"}))
        for n in range(3)
    ]

    first, second, third = (_plan(lead).plan for lead in leads)

    d = dt.date
    assert _times(first) == [
        ("EMAIL", "intro", _utc(11, 8), d(2027, 1, 11)),
        ("EMAIL", "follow_up", _utc(14, 8), d(2027, 1, 14)),
        ("EMAIL", "break_up", _utc(18, 8), d(2027, 1, 18)),
        ("LINKEDIN", "connection_note", _utc(11, 10), d(2027, 1, 11)),
        # day 5 is Saturday the 16th: the next weekday
        ("LINKEDIN", "follow_up", _utc(18, 10), d(2027, 1, 18)),
    ]
    assert _times(second) == [
        ("EMAIL", "intro", _utc(11, 12), d(2027, 1, 11)),
        ("EMAIL", "follow_up", _utc(14, 10), d(2027, 1, 14)),
        ("EMAIL", "break_up", _utc(18, 12), d(2027, 1, 18)),
        ("LINKEDIN", "connection_note", _utc(11, 14), d(2027, 1, 11)),
        ("LINKEDIN", "follow_up", _utc(18, 14), d(2027, 1, 18)),
    ]
    # Monday is full (4): the sequence starts on Tuesday and keeps its cadence; the
    # LinkedIn follow-up (Sunday -> Monday, full) overflows to Tuesday the 19th.
    assert _times(third) == [
        ("EMAIL", "intro", _utc(12, 8), d(2027, 1, 12)),
        ("EMAIL", "follow_up", _utc(15, 8), d(2027, 1, 15)),
        ("EMAIL", "break_up", _utc(19, 8), d(2027, 1, 19)),
        ("LINKEDIN", "connection_note", _utc(12, 10), d(2027, 1, 12)),
        ("LINKEDIN", "follow_up", _utc(19, 10), d(2027, 1, 19)),
    ]
    per_day = {}
    for attempt in OutreachAttempt.objects.all():
        per_day[attempt.send_date] = per_day.get(attempt.send_date, 0) + 1
    assert max(per_day.values()) == 4


@pytest.mark.parametrize(
    ("start", "first_intro"),
    [
        # Monday 09:00 Berlin: the window has started, so Tuesday.
        (dt.datetime(2027, 1, 11, 8, 0, tzinfo=UTC), _utc(12, 8)),
        # Monday 08:59:59 Berlin: still Monday.
        (dt.datetime(2027, 1, 11, 7, 59, 59, tzinfo=UTC), _utc(11, 8)),
        # Friday 18:00 Berlin: Monday.
        (dt.datetime(2027, 1, 15, 17, 0, tzinfo=UTC), _utc(18, 8)),
        # Saturday: Monday.
        (dt.datetime(2027, 1, 16, 6, 0, tzinfo=UTC), _utc(18, 8)),
        # Sunday 23:30 in Berlin: Monday.
        (dt.datetime(2027, 1, 17, 22, 30, tzinfo=UTC), _utc(18, 8)),
    ],
)
def test_the_first_message_goes_out_in_the_first_window_not_yet_started(
    start, first_intro
):
    lead = LeadFactory(campaign=_campaign(), **JANE)

    plan = _plan(lead, start=start).plan

    assert plan.messages[0].scheduled_for == first_intro


def test_send_times_are_local_to_the_campaign_zone_across_daylight_saving():
    campaign = _campaign(
        send_timezone="America/New_York",
        send_window_start=dt.time(8, 30),
        send_window_end=dt.time(16, 30),
        daily_send_cap=3,
    )
    lead = LeadFactory(campaign=campaign, **JANE)
    # Monday 8 March 2027, 07:00 in New York (UTC-5); clocks go forward on the 14th.
    start = dt.datetime(2027, 3, 8, 12, 0, tzinfo=UTC)

    plan = _plan(lead, start=start).plan

    # 8 hours / 3 = a slot every 2h40: 08:30, 11:10 (13:50 unused).
    assert [m.scheduled_for for m in plan.messages] == [
        dt.datetime(2027, 3, 8, 13, 30, tzinfo=UTC),  # Mon 08:30 EST
        dt.datetime(2027, 3, 11, 13, 30, tzinfo=UTC),  # Thu 08:30 EST
        dt.datetime(2027, 3, 15, 12, 30, tzinfo=UTC),  # Mon 08:30 EDT
        dt.datetime(2027, 3, 8, 16, 10, tzinfo=UTC),  # Mon 11:10 EST
        dt.datetime(2027, 3, 15, 15, 10, tzinfo=UTC),  # Mon 11:10 EDT (from Sat)
    ]


def test_every_slot_of_a_full_day_stays_inside_the_window():
    window = outreach.SendWindow(
        timezone="UTC", start=dt.time(9), end=dt.time(17), daily_cap=7
    )
    drafts = outreach.compose(
        outreach.Prospect(name="Jane", company="Acme", role="", pain_points=""),
        outreach.Pitch(niche="Gyms", offer="Member growth", banned_words=()),
    )

    times = [
        s.scheduled_for
        for s in outreach.schedule(
            drafts,
            window=window,
            start=dt.datetime(2027, 1, 11, 0, 0, tzinfo=UTC),
            taken={dt.date(2027, 1, 11): _slot_times(window, dt.date(2027, 1, 11), 5)},
        )
    ]

    # 480 minutes / 7 = 68 min 34 s apart; slots 5 and 6 are 14:42:50 and 15:51:24.
    assert times[0] == dt.datetime(2027, 1, 11, 14, 42, 50, tzinfo=UTC)
    assert times[3] == dt.datetime(2027, 1, 11, 15, 51, 24, tzinfo=UTC)
    assert times[3].time() < dt.time(17)


def test_the_cap_counts_only_this_campaigns_live_messages():
    campaign = _campaign(daily_send_cap=1, mode="LIVE")
    other = _campaign(daily_send_cap=1)
    busy = LeadFactory(campaign=campaign, **(JANE | {"email": "busy@acme.example"}))
    LeadFactory(campaign=other, **JANE)
    _plan(LeadFactory(campaign=other, **(JANE | {"email": "x@acme.example"})))
    first = _plan(busy).plan
    assert first.messages[0].scheduled_for == _utc(11, 8)
    # Suppressing the lead cancels its queued messages and frees their slots.
    api.suppression_add(email=busy.email, reason="UNSUBSCRIBED")
    late = LeadFactory(campaign=campaign, **(JANE | {"email": "late@acme.example"}))

    plan = _plan(late).plan

    assert plan.messages[0].scheduled_for == _utc(11, 8)
    assert set(
        OutreachAttempt.objects.filter(lead=busy).values_list("status", flat=True)
    ) == {"CANCELLED"}


def test_the_same_inputs_give_a_byte_identical_plan():
    plans = []
    for _ in range(2):
        lead = LeadFactory(campaign=_campaign(banned_words=["call"]), **JANE)
        plans.append(_plan(lead).plan)

    assert _content(plans[0]) == _content(plans[1])
    assert plans[0].id != plans[1].id


def test_composing_twice_gives_identical_drafts_and_times():
    prospect = outreach.Prospect(
        **{k: JANE[k] for k in ("name", "company", "role")},
        pain_points=JANE["pain_points"],
    )
    pitch = outreach.Pitch(niche="Dental clinics", offer="Retainer", banned_words=())
    window = outreach.SendWindow(
        timezone="Europe/Berlin", start=dt.time(9), end=dt.time(17), daily_cap=4
    )

    def plan():
        return outreach.schedule(
            outreach.compose(prospect, pitch),
            window=window,
            start=MONDAY_0800_BERLIN,
            taken={dt.date(2027, 1, 11): _slot_times(window, dt.date(2027, 1, 11), 2)},
        )

    assert plan() == plan()


def test_planning_again_returns_the_existing_plan_unchanged():
    lead = LeadFactory(campaign=_campaign(), **JANE)
    first = _plan(lead)

    again = api.lead_plan_outreach(
        lead_id=lead.id, start=MONDAY_0800_BERLIN + dt.timedelta(days=30)
    )

    assert (first.created, again.created) == (True, False)
    assert again.plan == first.plan
    assert OutreachPlan.objects.count() == 1
    assert OutreachAttempt.objects.count() == 5
    assert api.outreach_plan_get(lead_id=lead.id) == first.plan


def test_banned_words_are_avoided_by_rephrasing():
    banned = ["call", "HI", "struggle", "goal", "cheap"]
    campaign = _campaign(banned_words=banned, offer="Cheap patient acquisition")
    lead = LeadFactory(campaign=campaign, **JANE)

    plan = _plan(lead).plan

    for message in plan.messages:
        for word in banned:
            assert not banned_pattern(word).search(message.subject + message.body)
    intro = plan.messages[0]
    assert intro.body == (
        "Hello Jane,\n\n"
        "As practice manager at Acme Dental, you will know that many dental clinics "
        "wrestle with no-shows. What we do for dental clinics: affordable patient "
        "acquisition.\n\n"
        "Are you open to a short conversation next week to see whether it fits Acme "
        "Dental?"
    )
    assert plan.messages[1].body.splitlines()[2] == (
        "A short follow-up on my note about no-shows. For Acme Dental, the aim would "
        "be simple: no more no-shows."
    )


@pytest.mark.parametrize(
    ("field", "value", "word"),
    [("company", "Free Smiles Dental", "Free"), ("name", "Guru Patel", "GURU")],
)
def test_a_banned_word_in_a_name_is_refused_and_nothing_is_planned(field, value, word):
    campaign = _campaign(banned_words=["Free", "GURU"])
    lead = LeadFactory(campaign=campaign, **(JANE | {field: value}))

    with pytest.raises(BannedWordInOutreach) as exc_info:
        _plan(lead)

    assert exc_info.value.code == "BANNED_WORD"
    assert exc_info.value.extra == {"field": field, "word": word}
    assert OutreachPlan.objects.count() == 0
    assert OutreachAttempt.objects.count() == 0


def test_a_banned_word_that_only_occurs_inside_another_word_is_allowed():
    campaign = _campaign(banned_words=["hi"])
    lead = LeadFactory(campaign=campaign, **(JANE | {"company": "Hillside Dental"}))

    plan = _plan(lead).plan

    assert plan.messages[0].subject == "An idea for Hillside Dental"
    assert plan.messages[0].body.startswith("Hello Jane,")


@pytest.mark.parametrize("scope", ["global", "campaign"])
def test_a_suppressed_lead_gets_no_plan(scope):
    lead = LeadFactory(campaign=_campaign(), **JANE)
    api.suppression_add(
        email="JANE@acme-dental.example",
        reason="DO_NOT_CONTACT",
        campaign_id=lead.campaign_id if scope == "campaign" else None,
    )

    with pytest.raises(LeadSuppressed) as exc_info:
        _plan(lead)

    assert exc_info.value.code == "LEAD_SUPPRESSED"
    assert exc_info.value.http_status == 409
    assert OutreachPlan.objects.count() == 0
    assert OutreachAttempt.objects.count() == 0


@pytest.mark.parametrize(
    "status", ["REPLIED", "QUALIFIED", "ROUTED", "LOST", "MANUAL_REVIEW"]
)
def test_only_contactable_leads_are_planned(status):
    lead = lead_in(status, campaign=_campaign(), **JANE)

    with pytest.raises(LeadNotContactable) as exc_info:
        _plan(lead)

    assert exc_info.value.code == "CONFLICT"
    assert exc_info.value.extra["allowed"] == ["CONTACTED", "ENRICHED", "NEW"]
    assert OutreachPlan.objects.count() == 0


@pytest.mark.parametrize("status", ["NEW", "ENRICHED", "CONTACTED"])
def test_contactable_leads_are_planned(status):
    lead = lead_in(status, campaign=_campaign(), **JANE)

    assert _plan(lead).created is True


@pytest.mark.parametrize(
    ("status", "error"),
    [("PAUSED", CampaignNotActive), ("COMPLETED", CampaignCompleted)],
)
def test_a_campaign_that_is_not_active_plans_nothing(status, error):
    lead = LeadFactory(campaign=_campaign(status=status), **JANE)

    with pytest.raises(error):
        _plan(lead)

    assert OutreachPlan.objects.count() == 0


@pytest.mark.parametrize(
    "start",
    [
        dt.datetime(2027, 1, 11, 9, 0, tzinfo=UTC).replace(tzinfo=None),  # naive
        dt.datetime(3000, 1, 1, tzinfo=UTC),
    ],
)
def test_a_bad_start_is_a_validation_error(start):
    lead = LeadFactory(campaign=_campaign(), **JANE)

    with pytest.raises(ValidationFailed) as exc_info:
        _plan(lead, start=start)

    assert list(exc_info.value.fields) == ["start"]
    assert OutreachPlan.objects.count() == 0


def test_planning_an_unknown_lead_is_not_found():
    with pytest.raises(LeadNotFound):
        api.lead_plan_outreach(lead_id="lead_nope")


def test_a_lead_without_company_role_or_pain_points_still_gets_real_sentences():
    campaign = _campaign(niche="SaaS founders", offer="Fractional CMO support")
    lead = LeadFactory(
        campaign=campaign,
        name="Dr. Sam Lee",
        company="",
        role="",
        pain_points="",
        base_score=Decimal("0.5"),
    )

    intro, follow_up, _, note, linkedin = _plan(lead).plan.messages

    assert intro.subject == "An idea for your team"
    assert intro.body == (
        "Hi Dr. Lee,\n\n"
        "I work with SaaS founders, and I think there is a fit. What we do for SaaS "
        "founders: fractional CMO support.\n\n"
        "Would a 15-minute call next week be useful to see whether it fits your team?"
    )
    assert note.body == (
        "Hi Dr. Lee, I work with SaaS founders on fractional CMO support and would "
        "be glad to connect with you."
    )
    assert linkedin.body == (
        "Thanks for connecting, Dr. Lee. I help SaaS founders with fractional CMO "
        "support. Would you be open to a short call next week to see whether it "
        "fits your work?"
    )


def test_queued_messages_are_listed_for_delivery():
    live = LeadFactory(campaign=_campaign(mode="LIVE"), **JANE)
    proof = LeadFactory(campaign=_campaign(), **JANE)
    queued_ids = [m.id for m in _plan(live).plan.messages]
    _plan(proof)

    listed = api.outreach_attempt_list(status="QUEUED", limit=200)

    assert sorted(m.id for m in listed) == sorted(queued_ids)
    assert [m.id for m in api.outreach_attempt_list(lead_id=proof.id)] == sorted(
        OutreachAttempt.objects.filter(lead=proof).values_list("id", flat=True)
    )
    with pytest.raises(ValidationFailed):
        api.outreach_attempt_list(status="SENT")
