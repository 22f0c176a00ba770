"""Post angles: the copywriting moves each kind of pillar can make.

An angle is a theme, two hooks (``direct`` for measured tones, ``lively`` for warm or
playful ones), a caption body and the formats it suits. Placeholders are filled from
the brief by ``posts.variables``; every template only uses phrases that fit its slot
(noun phrases after "of", full clauses after a colon), so the copy stays grammatical
whatever the brief says.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Angle:
    theme: str
    direct: str
    lively: str
    body: str
    formats: tuple[str, ...]


def _a(theme: str, direct: str, lively: str, body: str, *formats: str) -> Angle:
    return Angle(theme, direct, lively, body, formats)


ANGLES: dict[str, tuple[Angle, ...]] = {
    "problem": (
        _a(
            "{pain_cost}",
            "{Pain_s}? Here is what it is really costing you.",
            "{Pain_s}? Let's talk about what that is costing you.",
            "For {aud}, {pain_np} is more than an annoyance. This post breaks down "
            "what it really costs, and what changes with {offer}.",
            "carousel",
            "text",
            "video",
        ),
        _a(
            "Myth vs fact: {pain_s}",
            "Think {pain_np_s} is unavoidable? Think again.",
            "Plot twist: {pain_np_s} is optional.",
            "It is easy to assume {pain_np} simply comes with the territory. It does "
            "not. Here are the myths that keep {aud} stuck, and the facts that get "
            "them out.",
            "carousel",
            "video",
            "text",
        ),
        _a(
            "Three signs it is time for {offer}",
            "Three signs it is time for {offer}.",
            "Be honest: how many of these three signs sound familiar?",
            "Sign one: {pain_s}. Sign two: the usual fixes have not worked. Sign "
            "three: you want {want}. If that sounds like you, {offer} {was} built for "
            "exactly this.",
            "carousel",
            "text",
            "video",
        ),
        _a(
            "Before and after {brand}",
            "Before {brand}: {pain_s}. After: {benefit_s}.",
            "Before: {pain_s}. After {brand}: {benefit_s}.",
            "What changes when {aud} switch to {offer}, told through one {customer}'s "
            "week and shared with their permission.",
            "video",
            "carousel",
            "image",
        ),
        _a(
            "Quick win: {theme_s}",
            "Try this today: {small_step}.",
            "Got a minute? Here is {small_step}.",
            "A practical step {aud} can take this week, with nothing to buy. When you "
            "want the full fix, {offer} takes it from there.",
            "video",
            "image",
            "text",
        ),
        _a(
            "Your questions on {theme_s}",
            "Your questions about {theme_s}, answered.",
            "You asked, we answered: {theme_s}.",
            "The questions {aud} ask most about {theme}, answered plainly. Got one we "
            "missed? Ask it in the comments.",
            "carousel",
            "video",
            "text",
        ),
    ),
    "proof": (
        _a(
            "Behind the scenes: {proof0_s}",
            "Behind the scenes at {brand}: {proof0}.",
            "Ever wondered what happens behind the scenes at {brand}? Here is "
            "{proof0}.",
            "Most people never see {proof0}. It is where the {brand} difference comes "
            "from{diff_tail}.",
            "video",
            "story",
            "image",
        ),
        _a(
            "How it works: {diff_s}",
            "{Diff_s}: what that actually means for you.",
            "Why {brand} does it this way: {diff_s}.",
            "{Diff}. Here is what that means in practice for {aud}, and why it is "
            "worth it.",
            "carousel",
            "text",
            "video",
        ),
        _a(
            "Up close: {proof1_s}",
            "Up close: {proof1}.",
            "Zooming in on {proof1}.",
            "A closer look at {proof1}, so {customers} know exactly what they get with "
            "{offer}.",
            "image",
            "carousel",
            "video",
        ),
        _a(
            "The {brand} difference",
            "Not every {entity} works the same way. Here is how {brand} does it.",
            "Same category, different approach: the {brand} way.",
            "{brand} is built around one idea: {diff_or_offer}. This post shows what "
            "that looks like day to day.",
            "video",
            "carousel",
            "text",
        ),
        _a(
            "A closer look: {proof2_s}",
            "A closer look: {proof2}.",
            "Take a closer look: {proof2}.",
            "{Proof2}, explained plainly, so {aud} can decide with the full picture.",
            "text",
            "carousel",
            "video",
        ),
        _a(
            "What {customers} notice first",
            "What {customers} notice first about {brand}.",
            "The first thing {customers} tell us about {brand}.",
            "In their own words, shared with permission: what {customers} notice first "
            "about {offer}, and why it matters to them.",
            "video",
            "image",
            "text",
        ),
    ),
    "offer": (
        _a(
            "What is included in {offer}",
            "Everything you get with {offer}, in under a minute.",
            "What is actually in {offer}? Let's unpack it.",
            "A clear walk-through of what {offer} {includes}, who {it} {suits} and "
            "how {it} {fits} into a normal week for {aud}.",
            "carousel",
            "video",
            "text",
        ),
        _a(
            "Getting started in three steps",
            "Starting {offer} takes three steps. Here they are.",
            "Three steps. That is all it takes to start {offer}.",
            "Step one: {step1}. Step two: {step2}. Step three: {step3}.",
            "carousel",
            "video",
            "text",
        ),
        _a(
            "{Is} {offer} right for you?",
            "{Is} {offer} right for you? A 30-second check.",
            "Quick check: {is_} {offer} a fit for you?",
            "If '{pain_s}' sounds familiar and you want {want}, the answer is probably "
            "yes. If not, {brand} will tell you honestly.",
            "poll",
            "carousel",
            "text",
        ),
        _a(
            "FAQ: {Offer_s}",
            "The question we get most about {offer}, answered.",
            "You asked about {offer}. Here are straight answers.",
            "Straight answers to the questions {aud} ask before choosing {offer}: what "
            "it includes, how it works and what happens next.",
            "carousel",
            "text",
            "video",
        ),
        _a(
            "Who {offer} {is_} built for",
            "Built for {aud}. Here is why.",
            "{Aud}, this one is for you.",
            "{Offer} {was} designed around {aud} and the problem they know best: "
            "{pain_s}.",
            "image",
            "video",
            "text",
        ),
        _a(
            "{Offer_s}, week by week",
            "A week with {offer}: what it actually looks like.",
            "Day one to day seven with {offer}.",
            "A real week with {offer}, shared with a {customer}'s permission, from the "
            "first day to the result they wanted.",
            "video",
            "carousel",
            "story",
        ),
    ),
    "community": (
        _a(
            "Meet the {brand} team",
            "Meet the people behind {brand}.",
            "Say hello to the team behind {brand}.",
            "The people who make {offer} happen every day, and what they want {aud} "
            "to know.",
            "image",
            "video",
            "story",
        ),
        _a(
            "{place_title} spotlight",
            "Why {brand} calls {place} home.",
            "A small love letter to {place}, from the {brand} team.",
            "{brand} is part of {place}. This post celebrates the places and people "
            "that make it home, and asks {aud} to share theirs.",
            "image",
            "carousel",
            "video",
        ),
        _a(
            "{Customer} story",
            "Meet one of our {customers}: what changed for them.",
            "Real {customers}, real stories: meet one of ours.",
            "A {customer} story, shared with permission: where they started, why they "
            "chose {brand}, and what changed.",
            "video",
            "carousel",
            "image",
        ),
        _a(
            "Partners we work with",
            "The {partners_where} we are proud to work with.",
            "Shout-out time: {partners_where} we love working with.",
            "{brand} works with {partners_where} that share its standards. Tag a "
            "favourite of yours in the comments.",
            "carousel",
            "image",
            "text",
        ),
        _a(
            "Ask {brand} anything",
            "Got a question for the {brand} team? Ask it here.",
            "Ask us anything: the {brand} team is answering all week.",
            "Drop your questions about {offer} or {theme} below; the team answers "
            "every one this week.",
            "story",
            "video",
            "text",
        ),
        _a(
            "{month} at {brand}",
            "What {month} looks like at {brand}.",
            "{month} at {brand}: here is what is happening.",
            "What is new at {brand} this {month}: team news, seasonal updates and what "
            "is coming next for {aud}.",
            "image",
            "story",
            "carousel",
        ),
    ),
    "brand": (
        _a(
            "Why {brand} exists",
            "Why {brand} exists, in 60 seconds.",
            "60 seconds, one story: why {brand} exists.",
            "{brand} started with a frustration {aud} know well: {pain_s}. Here is how "
            "that became {offer}.",
            "video",
            "carousel",
            "text",
        ),
        _a(
            "What {brand} believes",
            "{brand} believes {customers} deserve better than {pain_np_s}.",
            "Hot take: nobody should have to put up with {pain_np_s}.",
            "The belief behind {brand}, and how it shapes everything from {offer} to "
            "the way the team answers messages.",
            "text",
            "video",
            "image",
        ),
        _a(
            "A day at {brand}",
            "A day at {brand}, start to finish.",
            "Come behind the scenes: a day at {brand}.",
            "What a normal day looks like for the team behind {offer}, including the "
            "parts {customers} never see.",
            "video",
            "story",
            "carousel",
        ),
        _a(
            "Who {brand} is for",
            "Who {brand} is for (and who it is not).",
            "{Aud}, this one is for you.",
            "{brand} is built for {aud}. If '{pain_s}' sounds familiar, you are in the "
            "right place.",
            "image",
            "text",
            "video",
        ),
        _a(
            "Meet the founder",
            "Meet the person who started {brand}, and why.",
            "The founder of {brand} on why it all started.",
            "A short conversation with the founder about the problem that started it "
            "all, and what {brand} will never compromise on.",
            "video",
            "text",
            "image",
        ),
        _a(
            "Three promises",
            "Three things {brand} will never compromise on.",
            "Three non-negotiables at {brand}.",
            "The standards behind {offer}, in plain words: what {customers} can always "
            "count on.",
            "carousel",
            "text",
            "image",
        ),
    ),
    "careers": (
        _a(
            "A day in the life",
            "What a day at {brand} really looks like.",
            "Come along for a day in the life at {brand}.",
            "A real day on the team, from the first task to the last, so candidates "
            "know what they would be joining.",
            "video",
            "story",
            "carousel",
        ),
        _a(
            "What we look for",
            "What {brand} looks for in new team members.",
            "It is not just the CV: what {brand} really looks for.",
            "The skills, habits and values that make people thrive at {brand}, in the "
            "team's own words.",
            "carousel",
            "text",
            "video",
        ),
        _a(
            "The hiring process",
            "How hiring at {brand} works, step by step.",
            "No surprises: the {brand} hiring process, step by step.",
            "Every stage from application to first day, with how long each takes, so "
            "candidates can plan.",
            "carousel",
            "text",
            "image",
        ),
        _a(
            "Growth and training",
            "Where a role at {brand} can take you.",
            "Your next two years at {brand}: what growth looks like.",
            "Training, progression and the support people get at {brand}, with real "
            "examples from the team.",
            "video",
            "carousel",
            "text",
        ),
        _a(
            "Meet the team",
            "Meet the team you would be joining.",
            "Say hello to your future teammates at {brand}.",
            "Short introductions from the people candidates would work with, and what "
            "they enjoy most about the job.",
            "image",
            "video",
            "carousel",
        ),
        _a(
            "Now hiring: {offer_s}",
            "{brand} is hiring: {offer_s}.",
            "New roles open at {brand}: {offer_s}.",
            "What the roles involve, who will thrive in them and how to apply. "
            "Know someone who fits? Send this to them.",
            "image",
            "text",
            "carousel",
        ),
    ),
    "partners": (
        _a(
            "Why partner with {brand}",
            "What partners get from working with {brand}.",
            "Thinking about a partnership? Here is what {brand} brings.",
            "Access to {aud}, a team that delivers and a simple way to start: what a "
            "partnership with {brand} offers.",
            "carousel",
            "text",
            "video",
        ),
        _a(
            "A partnership in action",
            "A partnership in action, from first call to launch.",
            "From first call to launch: one {brand} partnership, start to finish.",
            "How one partnership came together, what each side brought and what it "
            "achieved, shared with the partner's permission.",
            "video",
            "carousel",
            "text",
        ),
        _a(
            "Who {brand} partners with",
            "The partners {brand} is looking for.",
            "Could you be the next partner of {brand}?",
            "The kinds of organisations {brand} works best with, and the shared values "
            "that make a partnership work.",
            "text",
            "carousel",
            "image",
        ),
        _a(
            "How to start a partnership",
            "Three steps to a partnership with {brand}.",
            "Partnering with {brand} takes three steps.",
            "Step one: {step1}. Step two: {step2}. Step three: {step3}.",
            "carousel",
            "text",
            "video",
        ),
        _a(
            "The audience {brand} reaches",
            "{Aud} trust {brand}. Partner with us to reach them.",
            "Want to reach {aud}? {brand} already does.",
            "Who follows and buys from {brand}, and why a partnership puts your brand "
            "in front of the right people.",
            "carousel",
            "text",
            "image",
        ),
        _a(
            "Partner FAQ",
            "Partner questions, answered.",
            "Everything partners ask us, answered in one post.",
            "Straight answers on how partnerships with {brand} work: scope, timelines "
            "and what success looks like.",
            "text",
            "carousel",
            "video",
        ),
    ),
    "retention": (
        _a(
            "Getting more from {offer}",
            "Five ways to get more from {offer}.",
            "Using {offer}? You might be missing these five tips.",
            "Practical ways existing {customers} get more value from {offer}, most of "
            "them taking under a minute.",
            "carousel",
            "video",
            "text",
        ),
        _a(
            "What is new in {month}",
            "New for {brand} {customers} this {month}.",
            "{month} news for {brand} {customers}.",
            "What has changed at {brand} this month and how existing {customers} can "
            "make the most of it.",
            "image",
            "carousel",
            "story",
        ),
        _a(
            "{Customer} spotlight",
            "How one of our {customers} gets the most from {offer}.",
            "Spotlight: a {customer} who has made {offer} their own.",
            "A {customer}'s routine with {offer}, shared with permission, and the "
            "small habits that make the difference.",
            "video",
            "image",
            "carousel",
        ),
        _a(
            "Refer a friend",
            "Know someone who would love {offer}? Here is how to share it.",
            "Sharing is caring: bring a friend to {brand}.",
            "How referrals work at {brand}, and why a recommendation from a {customer} "
            "means more than any advert.",
            "image",
            "story",
            "text",
        ),
        _a(
            "Thank you, {customers}",
            "A thank-you to every {brand} {customer}.",
            "This one is for you: thank you from the {brand} team.",
            "A thank-you from the team to the {customers} who make {brand} what it is, "
            "with a look at what is coming next.",
            "video",
            "image",
            "text",
        ),
        _a(
            "Often missed: {offer_s} extras",
            "Three things {customers} often miss in {offer}.",
            "Hidden in plain sight: three {offer_s} extras.",
            "The parts of {offer} that {customers} use least but value most once they "
            "find them.",
            "carousel",
            "text",
            "video",
        ),
    ),
}
