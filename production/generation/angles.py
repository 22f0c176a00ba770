"""How each post type is written: its theme, hooks and body, in two framings.

A frame only says what the brief gives it. Every placeholder is a piece of the brief
(a pain point, a differentiator, a clause of the offer, a question and its answer)
filled by ``production.generation.substance``, which also decides whether the brief
can fill a post type at all. A hook that promises something ("in three steps",
"four things included") is followed by exactly that in the body.

Grammar stays safe whatever the brief says: brief text sits after a colon, inside
quotes or as a sentence of its own, never where only one kind of phrase fits. Each
type has hooks that open differently, so a calendar never leans on one opening, and
every sentence carries something of the brief, so no two clients share one.

Placeholders: ``brand``, ``name``/``Name`` (the offer's name, mid-sentence and
capitalised), ``is_``/``was`` (agreeing with the name), ``audience``/
``audience_short``, ``spec``/``Spec`` (a selling clause of the offer) and the
move's own fields, named in each entry.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Frame:
    """One way to write a post: theme, hooks that open differently, body, formats."""

    theme: str
    hooks: tuple[str, ...]
    body: str
    formats: tuple[str, ...]


def _f(theme: str, hooks: tuple[str, ...], body: str, *formats: str) -> Frame:
    return Frame(theme, hooks, body, formats)


# Keyed by move: a post type, or a post type's variant ("offer_term"). Each move has
# a first framing and a second one, used for a second post on the same substance or
# first in a regenerated calendar.
FRAMES: dict[str, tuple[Frame, ...]] = {
    # pain, Pain, answer, Answer, answer_s, tie
    "comparison": (
        _f(
            "Before and after: {answer_s}",
            (
                "Before: {pain}. After: {answer}.",
                "{Pain}? The {brand} answer: {answer}.",
            ),
            "{tie} {also}",
            "carousel",
            "video",
            "image",
        ),
        _f(
            "Which week is yours: {answer_s}",
            (
                "Which sounds more like your week: '{pain}' or '{answer}'?",
                "'{Pain}' or '{answer}': which one is yours?",
            ),
            "If it is the first, {name} {was} made for you: {answer}, and {spec}.",
            "poll",
            "carousel",
            "video",
        ),
    ),
    # first, second (two pain points), First, body
    "poll": (
        _f(
            "Poll: {first_s} or {second_s}",
            (
                "Poll for {audience_short}: '{first}' or '{second}'?",
                "'{First}' or '{second}': which sounds more like you?",
            ),
            "{body}",
            "poll",
            "carousel",
            "story",
        ),
    ),
    # pain, Pain, pain_s, body, body2: one pain point as a yes-or-no question, for a
    # brief too thin to fill its calendar otherwise.
    "pain_poll": (
        _f(
            "Poll: {pain_s}",
            (
                "Poll for {audience_short}: is '{pain}' part of your week?",
                "Yes or no: '{Pain}'?",
            ),
            "{body}",
            "poll",
            "story",
            "carousel",
        ),
        _f(
            "Sound familiar: {pain_s}",
            ("Sound familiar? '{Pain}'.", "Does '{pain}' ring true for you?"),
            "{body2}",
            "image",
            "carousel",
            "story",
        ),
    ),
    # diff, Diff, diff_s, tie
    "proof": (
        _f(
            "Proof: {diff_s}",
            ("{Diff}.", "What {brand} can show {audience_short}: {diff}."),
            "{tie}",
            "video",
            "image",
            "carousel",
        ),
        _f(
            "Up close: {diff_s}",
            (
                "Up close at {brand}: {diff}.",
                "One thing {brand} does its own way: {diff}.",
            ),
            "Worth checking whenever {audience_short} compare one {entity} with "
            "another: {diff}. At {brand}, that comes with {name}.",
            "image",
            "carousel",
            "video",
        ),
    ),
    # point, Point, point_s
    "proof_point": (
        _f(
            "Proof: {point_s}",
            ("{Point}.", "The record so far at {brand}: {point}."),
            "Something {brand} can show {audience_short}, not just say, before they "
            "choose {name}. {also}",
            "image",
            "carousel",
            "video",
        ),
        _f(
            "In numbers: {point_s}",
            ("In numbers, from {brand}: {point}.", "Fact from {brand}: {point}."),
            "For {audience_short} weighing up {name}: {point}. {also}",
            "carousel",
            "image",
            "text",
        ),
    ),
    # diff, Diff, diff_s, tie
    "behind_the_scenes": (
        _f(
            "Behind the scenes: {diff_s}",
            ("Behind the scenes at {brand}: {diff}.", "Inside {brand}: {diff}."),
            "{tie}",
            "video",
            "story",
            "walkthrough",
        ),
        _f(
            "How {brand} does it: {diff_s}",
            (
                "How {brand} does it, shown step by step: {diff}.",
                "From the {brand} team, on camera: {diff}.",
            ),
            "The {brand} team shows each step of '{diff}', so {audience_short} see "
            "what goes into {name}.",
            "video",
            "walkthrough",
            "carousel",
        ),
    ),
    # tip, tip_s, tie
    "tip": (
        _f(
            "Tip: {tip_s}",
            ("Tip for {audience_short}: {tip}.", "Worth knowing about {name}: {tip}."),
            "{tie}",
            "video",
            "short",
            "image",
        ),
        _f(
            "Good to know: {tip_s}",
            ("Good to know, from {brand}: {tip}.", "A tip from {brand}: {tip}."),
            "{Tip}. {tie}",
            "image",
            "story",
            "text",
        ),
    ),
    # items (numbered, written out), n, N
    "checklist_signs": (
        _f(
            "Signs {name} {is_} for you",
            (
                "{N} signs {name} {is_} for you.",
                "{Audience_short}: do any of these {n} sound familiar?",
                "A {n}-point check for {audience_short}.",
            ),
            "{items} If even one is true, {name} {was} made for you.",
            "carousel",
            "document",
            "text",
        ),
    ),
    # items, n, N
    "checklist_includes": (
        _f(
            "What comes with {name}",
            (
                "What comes with {name}, in {n} points.",
                "{Name}: {n} things included.",
            ),
            "{items}",
            "carousel",
            "document",
            "image",
        ),
    ),
    # steps (written out), n, N
    "how_it_works": (
        _f(
            "How it works at {brand}",
            (
                "How it works at {brand}, in {n} steps.",
                "{N} steps with {brand}, start to finish.",
            ),
            "{steps}{rest}",
            "carousel",
            "walkthrough",
            "explainer",
            "video",
        ),
    ),
    # offer (whole, as written), offer_mid, diffs (joined)
    "offer_full": (
        _f(
            "{Name}, in full",
            ("{offer}.", "The offer for {audience_short}: {offer_mid}."),
            "Who it is for: {audience}.{with_diffs}",
            "image",
            "carousel",
            "video",
        ),
    ),
    # term, Term, term_s, tie
    "offer_term": (
        _f(
            "{Term_s}",
            ("{brand}: {term}.", "{Term}."),
            "Part of what {brand} offers {audience_short}: {term}.{tie}",
            "image",
            "video",
            "carousel",
        ),
        _f(
            "The terms: {term_s}",
            ("Straight from the {brand} terms: {term}.", "In plain terms: {term}."),
            "One line of the offer: {term}. The rest: {others}.",
            "carousel",
            "image",
            "text",
        ),
    ),
    # segment, Segment, others
    "offer_segment": (
        _f(
            "For {segment}",
            ("{Segment}: {name} {is_} for you.", "For {segment}: {spec}."),
            "{Name} {was} made for {segment} as much as for {others}. {also}",
            "image",
            "video",
            "carousel",
        ),
        _f(
            "{Segment}, meet {brand}",
            ("{Segment}, meet {name}.", "Written for {segment}: {name}."),
            "What {segment} get from {brand}: {spec}, and {diff}.",
            "video",
            "image",
            "story",
        ),
    ),
    # outcome, Outcome, outcome_s, tie
    "offer_outcome": (
        _f(
            "{Outcome_s}",
            (
                "{Outcome}: that is what {name} {is_} for.",
                "The goal for {audience_short}: {outcome}.",
            ),
            "{Name} {was} built around {outcome_s}.{tie} {also}",
            "image",
            "video",
            "carousel",
        ),
        _f(
            "The result {brand} works for: {outcome_s}",
            (
                "What {brand} works toward with {audience_short}: {outcome}.",
                "One result, from {name}: {outcome}.",
            ),
            "{Outcome}, through {name}. {also}",
            "carousel",
            "image",
            "video",
        ),
    ),
    # the audience alone, for a brief too thin to fill its calendar otherwise
    "offer_audience": (
        _f(
            "Who {name} {is_} for",
            ("Who {name} {is_} for: {audience}.", "Made for {audience_short}: {name}."),
            "{Name} {was} made for {audience}. {also}",
            "image",
            "carousel",
            "video",
        ),
        _f(
            "{Audience_short}, meet {name}",
            ("{Audience_short}, meet {name}.", "Meet {name}, from {brand}."),
            "What {audience_short} get from {brand}: {spec}.",
            "video",
            "image",
            "story",
        ),
    ),
    # question, answer, question_s
    "faq": (
        _f(
            "FAQ: {question_s}",
            ("{question}", "Asked by {audience_short}: {question_mid}"),
            "{answer}",
            "carousel",
            "text",
            "explainer",
        ),
    ),
    # question, answer, question_s
    "myth": (
        _f(
            "Myth or fact: {question_s}",
            ("Myth or fact: {question_mid}", "{question}"),
            "{answer}",
            "carousel",
            "video",
            "short",
        ),
    ),
    # place, address, hours, details
    "location": (
        _f(
            "Where: {place}",
            ("{place}: {where}.", "Get {name} at {place}."),
            "{details} {also}",
            "image",
            "photo",
            "story",
        ),
    ),
    # label, Label, when
    "key_date": (
        _f(
            "{Label}, {when}",
            ("{Label}: {when}.", "Save the date: {label}, {when}."),
            "{Label} is on {when}. {also}",
            "image",
            "event",
            "story",
        ),
    ),
    # quote, source
    "story": (
        _f(
            "In their words: {source}",
            ("{quote}", "What {source} says about {brand}: {quote}"),
            "{quote} That is {source}, on {name}.",
            "video",
            "image",
            "carousel",
        ),
    ),
}

# The post type each move writes (``aicmo_site.writing.playbooks.POST_TYPES``).
MOVE_TYPES: dict[str, str] = {
    "comparison": "comparison",
    "poll": "comparison",
    "pain_poll": "comparison",
    "proof": "proof",
    "proof_point": "proof",
    "behind_the_scenes": "behind_the_scenes",
    "tip": "tip",
    "checklist_signs": "checklist",
    "checklist_includes": "checklist",
    "how_it_works": "how_it_works",
    "offer_full": "offer",
    "offer_term": "offer",
    "offer_segment": "offer",
    "offer_outcome": "offer",
    "offer_audience": "offer",
    "faq": "faq",
    "myth": "myth",
    "location": "location",
    "key_date": "key_date",
    "story": "story",
}

# What the agency asks the client for when the brief cannot fill a post type the
# playbook wants ({audience}, {name}, {brand}, {customers}, {window} are filled).
TO_SUPPLY: dict[str, str] = {
    "faq": (
        "the five questions {audience_short} ask most before {deciding} {name}, "
        "each with the answer {brand} gives (for FAQ posts)"
    ),
    "myth": (
        "two beliefs that stop {audience_short} from acting, each with the fact that "
        "corrects it and its source (for myth-and-fact posts)"
    ),
    "tip": (
        "three practical tips {brand} gives {audience_short}, in the team's own "
        "words (for tip posts)"
    ),
    "story": (
        "two stories or quotes from {brand} {advocates}, with their written "
        "permission to publish (for story posts)"
    ),
    "location": (
        "the name, address and opening hours of {places} (for location posts)"
    ),
    "key_date": (
        "the dates that matter to {brand} between {window}: launches, open days, "
        "events or deadlines (for key-date posts)"
    ),
    "proof": (
        "three proof points with numbers: results, reviews or certifications "
        "{brand} can show (for proof posts)"
    ),
    "how_it_works": (
        "the steps {audience_short} take with {brand} from first contact onward, "
        "and how long each one takes (for how-it-works posts)"
    ),
    "behind_the_scenes": (
        "two moments of the {brand} team at work that can be filmed or photographed "
        "(for behind-the-scenes posts)"
    ),
    "checklist": (
        "a short list {audience_short} can check themselves against, written out "
        "(for checklist posts)"
    ),
    "comparison": (
        "the before and after {customers} describe once {name} is in place (for "
        "before-and-after posts)"
    ),
    "offer": (
        "the price and terms of {name} as {brand} will publish them (for offer posts)"
    ),
}
