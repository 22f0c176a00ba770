"""Each rule passes on well-formed content and fails on the problem it looks for."""

import pytest

from qc import rules, scoring
from qc.dto import CheckStatus, Severity
from tests.qc.conftest import QUICK_SOCIAL_SECTIONS, calendar, make_brief, make_draft


def checks_of(rule_id, draft=None, brief=None):
    all_checks = rules.run_rules(
        draft=draft or make_draft(), brief=brief or make_brief()
    )
    return [check for check in all_checks if check.id == rule_id]


def failures(rule_id, draft=None, brief=None):
    return [
        check
        for check in checks_of(rule_id, draft, brief)
        if check.status != CheckStatus.PASS
    ]


def test_well_formed_draft_passes_every_rule_with_full_score():
    checks = rules.run_rules(draft=make_draft(), brief=make_brief())

    assert [check.id for check in checks] == [rule.id for rule in rules.RULES]
    assert {check.status for check in checks} == {CheckStatus.PASS}
    assert scoring.verdict(checks) == (100, True)


def test_every_check_names_its_section_and_every_problem_has_a_fix():
    draft = make_draft(
        bodies={"overview": "TBD", "content_buckets": "### One", "final_summary": ""}
    )
    checks = rules.run_rules(draft=draft, brief=make_brief())

    problems = [check for check in checks if check.status != CheckStatus.PASS]
    assert problems
    assert all(check.section and check.message for check in checks)
    assert all(check.fix for check in problems)


# --- sections_present -------------------------------------------------------------


def test_sections_present_fails_once_per_missing_or_empty_section():
    draft = make_draft(bodies={"hashtag_strategy": None, "final_summary": "  \n"})

    found = failures("sections_present", draft)

    assert [(c.section, c.severity, c.status) for c in found] == [
        ("hashtag_strategy", Severity.BLOCKER, CheckStatus.FAIL),
        ("final_summary", Severity.BLOCKER, CheckStatus.FAIL),
    ]
    assert found[0].message == "Section 'Hashtag Strategy' is missing."
    assert found[1].message == "Section 'Final Summary' is empty."


def test_sections_present_passes_when_all_sections_are_written():
    [check] = checks_of("sections_present")

    assert check.status == CheckStatus.PASS
    assert check.message == "All 8 expected sections are present and written."


# --- placeholders -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Budget is TBD for now.", "'TBD'"),
        ("todo: write this", "'todo'"),
        ("Lorem Ipsum dolor sit amet.", "'Lorem Ipsum'"),
        ("Dear [CLIENT NAME], welcome.", "'[CLIENT NAME]'"),
        ("Post on [date] at noon.", "'[date]'"),
        ("Launch date TBC with the client.", "'TBC'"),
        ("FIXME: add the offer.", "'FIXME'"),
        ("Call XXX to book.", "'XXX'"),
        ("lorem-ipsum filler.", "'lorem-ipsum'"),
    ],
)
def test_placeholders_fail_the_section_that_holds_them(text, found):
    body = f"{text} " + "Brightline Coffee Roasters " * 10
    draft = make_draft(bodies={"final_summary": body})

    [check] = failures("placeholders", draft)

    assert (check.section, check.severity, check.status) == (
        "final_summary",
        Severity.BLOCKER,
        CheckStatus.FAIL,
    )
    assert check.message == f"Placeholder text in 'Final Summary': {found}."


@pytest.mark.parametrize(
    "text",
    [
        "Read [our guide](https://brightline.example/guide) before brewing.",
        "![Roastery](https://brightline.example/roastery.jpg)",
        "- [x] Book the photographer\n- [ ] Confirm dates",
        "We share updates on Mastodon and in todos lists.",
        "Square brackets [ ] with nothing inside are fine.",
    ],
)
def test_placeholders_ignore_links_task_boxes_and_partial_words(text):
    draft = make_draft(bodies={"final_summary": text + " " + "word " * 30})

    assert failures("placeholders", draft) == []


def test_placeholders_list_every_distinct_placeholder_in_a_section():
    draft = make_draft(bodies={"overview": "TBD and [BRAND] and TBD and TODO."})

    [check] = failures("placeholders", draft)

    assert check.message == "Placeholder text in 'Overview': 'TBD', 'TODO', '[BRAND]'."


# --- banned_words -------------------------------------------------------------------


def test_banned_words_fail_case_insensitively_and_name_the_words():
    draft = make_draft(
        bodies={
            "hashtag_strategy": (
                "Never look CHEAP. Our Guaranteed\n results speak. " + "word " * 30
            )
        }
    )

    [check] = failures("banned_words", draft)

    assert (check.section, check.severity, check.status) == (
        "hashtag_strategy",
        Severity.BLOCKER,
        CheckStatus.FAIL,
    )
    assert check.message == (
        "Banned word(s) in 'Hashtag Strategy': 'cheap', 'guaranteed results'."
    )


def test_banned_words_match_whole_words_only():
    draft = make_draft(bodies={"final_summary": "The cheapest option " + "word " * 30})

    assert failures("banned_words", draft) == []


def test_banned_words_pass_when_the_brief_bans_nothing():
    [check] = checks_of("banned_words", brief=make_brief(banned_words=()))

    assert check.status == CheckStatus.PASS
    assert check.message == "The brief bans no words."


# --- pillars ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "### Freshness\n\nText.\n\n### Origins\n\nText.",
        "### Freshness\n\n###   \n\n### Origins",
        "### Freshness\n\n### freshness\n\n### Origins",
        "#### One\n\n#### Two\n\n#### Three",
        "```\n### One\n### Two\n### Three\n```",
    ],
)
def test_pillars_fail_with_fewer_than_three_named_pillars(body):
    draft = make_draft(bodies={"content_buckets": body + " " + "word " * 30})

    [check] = failures("pillars", draft)

    assert (check.section, check.severity, check.status) == (
        "content_buckets",
        Severity.BLOCKER,
        CheckStatus.FAIL,
    )
    assert check.message.endswith("at least 3 are required.")


def test_pillars_pass_with_three_named_headings():
    body = "### One ###\n\n### **Two**\n\n### Three"
    [check] = checks_of("pillars", make_draft(bodies={"content_buckets": body}))

    assert check.status == CheckStatus.PASS
    assert check.message == "3 named content pillars."


def test_pillars_read_the_pack_specific_section():
    expected = (
        ("overview", "Overview"),
        ("creative_direction", "Creative Direction"),
        ("detailed_30_day_calendar", "Detailed 30-Day Calendar"),
    )
    bodies = {"creative_direction": "### A\n\n### B\n\n### C"}
    draft = make_draft(
        pack="strategy_campaign_standard", bodies=bodies, expected=expected
    )

    [check] = checks_of("pillars", draft)

    assert (check.section, check.status) == ("creative_direction", CheckStatus.PASS)


def test_unknown_pack_skips_pillars_and_calendar_with_a_warning():
    draft = make_draft(pack="bespoke_pack")

    pillars = checks_of("pillars", draft)
    calendar_checks = checks_of("calendar", draft)

    assert [(c.severity, c.status) for c in pillars + calendar_checks] == [
        (Severity.BLOCKER, CheckStatus.WARN),
        (Severity.BLOCKER, CheckStatus.WARN),
    ]
    assert pillars[0].message == (
        "Pack 'bespoke_pack' has no QC layout, so its content pillars went unchecked."
    )


# --- calendar -----------------------------------------------------------------------


def test_calendar_fails_without_a_table():
    draft = make_draft(
        bodies={"detailed_30_day_calendar": "Posts every Monday. " + "word " * 30}
    )

    [check] = failures("calendar", draft)

    assert (check.section, check.status) == (
        "detailed_30_day_calendar",
        CheckStatus.FAIL,
    )
    assert check.message == "The calendar has no Markdown table."


def test_calendar_fails_with_six_posts_and_passes_with_seven():
    six = make_draft(bodies={"detailed_30_day_calendar": calendar(rows=6)})
    seven = make_draft(bodies={"detailed_30_day_calendar": calendar(rows=7)})

    [check] = failures("calendar", six)

    assert check.message == (
        "The calendar has 6 dated post(s); at least 7 are required."
    )
    assert failures("calendar", seven) == []


def test_calendar_counts_only_valid_iso_dates():
    body = (
        calendar(rows=7)
        .replace("2027-01-11", "2027-02-30")
        .replace("2027-01-14", "14/01/2027")
    )
    draft = make_draft(bodies={"detailed_30_day_calendar": body})

    [check] = failures("calendar", draft)

    assert check.message.startswith("The calendar has 5 dated post(s)")


def test_calendar_fails_when_hook_or_cta_column_is_missing():
    body = calendar(header="| Date | Channel | Hook | Caption | Action |")
    draft = make_draft(bodies={"detailed_30_day_calendar": body})

    [check] = failures("calendar", draft)

    assert check.message == "The calendar table has no CTA column."


def test_calendar_columns_match_case_insensitively():
    body = calendar(header="| date | channel | **hook** | caption | cta |")
    draft = make_draft(bodies={"detailed_30_day_calendar": body})

    assert failures("calendar", draft) == []


def test_calendar_names_the_dates_of_posts_missing_a_hook_or_cta():
    lines = calendar().splitlines()
    lines[4] = "| 2027-01-11 | Instagram |  | Caption text. | Book now |"
    lines[6] = "| 2027-01-17 | Instagram | A hook | Caption text. | ** |"
    draft = make_draft(bodies={"detailed_30_day_calendar": "\n".join(lines)})

    [check] = failures("calendar", draft)

    assert check.message == "Posts missing a hook or CTA on: 2027-01-11, 2027-01-17."


# --- quality rules ------------------------------------------------------------------


def test_section_length_fails_a_short_section_as_minor():
    draft = make_draft(bodies={"final_summary": "Short and sweet."})

    [check] = failures("section_length", draft)

    assert (check.section, check.severity, check.status) == (
        "final_summary",
        Severity.MINOR,
        CheckStatus.FAIL,
    )
    assert check.message.startswith("'Final Summary' has 3 words;")


def test_brand_mention_fails_when_the_overview_never_names_the_brand():
    draft = make_draft(bodies={"overview": "A roaster in Leeds. " + "word " * 30})

    [check] = failures("brand_mention", draft)

    assert (check.section, check.severity, check.status) == (
        "overview",
        Severity.MAJOR,
        CheckStatus.FAIL,
    )
    assert check.message == (
        "'Overview' never names the brand 'Brightline Coffee Roasters'."
    )


def test_duplicate_hooks_warn_with_the_repeated_dates():
    hooks = ("Same hook", *[f"Hook {n}" for n in range(1, 5)])
    body = calendar(rows=6, hooks=hooks)
    draft = make_draft(bodies={"detailed_30_day_calendar": body})

    [check] = failures("duplicate_hooks", draft)

    assert (check.severity, check.status) == (Severity.MINOR, CheckStatus.WARN)
    assert check.message == "Repeated hooks: 2027-01-26 repeats 2027-01-11."


def test_calendar_window_warns_about_posts_outside_the_campaign():
    draft = make_draft()
    brief = make_brief(start_date=make_brief().start_date.replace(day=12))

    [check] = failures("calendar_window", draft, brief)

    assert (check.severity, check.status) == (Severity.MINOR, CheckStatus.WARN)
    assert check.message == (
        "Posts outside the campaign (2027-01-12 to 2027-04-05): 2027-01-11."
    )


def test_section_order_fails_when_sections_are_out_of_pack_order():
    keys = [key for key, _ in QUICK_SOCIAL_SECTIONS]
    keys[0], keys[1] = keys[1], keys[0]

    [check] = failures("section_order", make_draft(order=keys))

    assert (check.severity, check.status) == (Severity.MAJOR, CheckStatus.FAIL)
    assert check.message == "Sections are out of pack order."


def test_section_order_warns_about_sections_outside_the_pack():
    keys = [key for key, _ in QUICK_SOCIAL_SECTIONS] + ["appendix"]
    draft = make_draft(order=keys, bodies={"appendix": "Extra notes."})

    [check] = failures("section_order", draft)

    assert (check.severity, check.status) == (Severity.MAJOR, CheckStatus.WARN)
    assert check.message == "Sections not in the quick_social_basic pack: 'appendix'."


def test_fault_injection_check_is_a_failed_blocker():
    check = rules.fault_injection_check()

    assert (check.id, check.severity, check.status, check.message) == (
        "fault_injection",
        Severity.BLOCKER,
        CheckStatus.FAIL,
        "Fault injection: QC forced to fail.",
    )


def test_calendar_accepts_short_delimiters_and_rows_without_outer_pipes():
    body = calendar().replace("|---|---|---|---|---|", "|:-|-|-|-|-:|")
    body = "\n".join(line.strip("|") for line in body.splitlines())
    draft = make_draft(bodies={"detailed_30_day_calendar": body})

    [check] = checks_of("calendar", draft)

    assert check.status == CheckStatus.PASS
    assert check.message == "10 dated posts, each with a hook and a CTA."
