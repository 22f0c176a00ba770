"""The persona archetypes: situations a persona can be in, four per audience group.

Data for ``personas.py``: each group (consumer, business, the objective when it
shapes the audience, or the playbook family when it does: the residents of a public
service, the distributors a manufacturer recruits) lists four archetypes; variant 0
writes the first two, a regenerated variant the others. Templates take the brief's
phrases (``{offer}``, ``{rival}``, ``{Diff}``...). ``DEFAULT_AGES`` is each group's age
range for an audience that names none.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Archetype:
    """A situation a persona is in; templates take the brief's phrases."""

    label: str
    age: float
    detail: str
    pains: tuple[str, str]
    motivation: str
    objection: str
    rival_objection: str
    platforms: tuple[str, ...]
    wins: str


def _a(
    label: str,
    age: float,
    detail: str,
    pains: tuple[str, str],
    motivation: str,
    objection: str,
    rival: str,
    platforms: str,
    wins: str,
) -> Archetype:
    return Archetype(
        label, age, detail, pains, motivation, objection, rival,
        tuple(platforms.split()), wins,
    )  # fmt: skip


# Four per group: variant 0 writes the first two, a regenerated variant the others.
ARCHETYPES: dict[str, tuple[Archetype, ...]] = {
    "consumer": (
        _a(
            "the time-poor planner",
            0.3,
            "works full time and plans the week on a phone in the evening",
            (
                "finding a slot that fits around work",
                "comparing options takes longer than it should",
            ),
            "Wants to fix this without rearranging the week",
            "Worries {offer} will take more time than it saves",
            "Worries {offer} will take more time than it saves",
            "instagram facebook email tiktok search",
            "Clear times and prices, and a next step that takes one tap",
        ),
        _a(
            "the careful comparer",
            0.75,
            "reads reviews and asks friends before committing to anything",
            (
                "has been let down by {a_entity} before",
                "cannot tell what is included until it is too late",
            ),
            "Wants proof before committing: {proof}",
            "Doubts that the first price quoted will be the final one",
            "Has heard good things about {rival} and wants to know what is different",
            "search facebook email youtube instagram",
            "{Diff2}, shown rather than claimed",
        ),
        _a(
            "the first-timer",
            0.15,
            "has never used {a_entity} like {brand} and is not sure where to start",
            (
                "not sure what to expect at the start",
                "does not want to look inexperienced",
            ),
            "Wants a simple, low-pressure first step",
            "Not sure {offer} is meant for someone like them",
            "Assumes {rival} is the safer, better-known choice",
            "tiktok instagram email facebook",
            "A walk-through of exactly what happens first",
        ),
        _a(
            "the returner",
            0.6,
            "used to be a regular somewhere else and has drifted away",
            (
                "lost the habit and finds it hard to restart",
                "remembers one poor experience more than the good ones",
            ),
            "Wants to get back on track, with {brand} doing the reminding",
            "Doubts it will be any different this time",
            "Still has a loyalty card with {rival}",
            "email facebook instagram search",
            "{Diff}, and a welcome that does not feel like a sales pitch",
        ),
    ),
    "business": (
        _a(
            "the decision-maker",
            0.7,
            "signs off spend at {company}",
            (
                "cannot see the return on tools already paid for",
                "every new system eats team time before it saves any",
            ),
            "Wants a payback the board can see",
            "Has been sold tools that were never adopted",
            "Already pays for {rival} and doubts a switch is worth the effort",
            "linkedin email youtube x",
            "A customer case with real numbers from a similar team",
        ),
        _a(
            "the hands-on evaluator",
            0.3,
            "does the work day to day at {company} and runs the trial",
            (
                "manual steps fill the working week",
                "switching means moving data and habits",
            ),
            "Wants less manual work in the daily routine",
            "Worries the set-up work will land on their desk",
            "Knows {rival} well and fears relearning everything",
            "youtube search linkedin email",
            "A 60-second walkthrough of the actual workflow",
        ),
        _a(
            "the budget holder",
            0.8,
            "approves every new subscription at {company}",
            (
                "has to justify each new cost line",
                "hidden costs surface after the first year",
            ),
            "Wants a predictable cost and a quick payback",
            "Suspects the price will rise after the first contract",
            "Compares every line with what {rival} charges",
            "email linkedin search",
            "A plain price sheet and a payback estimate",
        ),
        _a(
            "the sceptical peer",
            0.45,
            "advises colleagues at {company} on new tools",
            (
                "has watched rollouts stall halfway",
                "hears bold claims at every conference",
            ),
            "Wants to hear from someone who has used {offer} for real",
            "Will not move without a reference from a peer",
            "Has seen {rival} promise the same thing",
            "linkedin x email youtube",
            "A reference call with a customer in the same sector",
        ),
    ),
    "Hiring": (
        _a(
            "the experienced hand",
            0.7,
            "has years on the job and knows what a good employer looks like",
            (
                "tired of promises that change after the first month",
                "wants experience already gained to count",
            ),
            "Wants a team that keeps its word",
            "Suspects the advert oversells the role",
            "Has heard big promises from {rival} before",
            "facebook linkedin tiktok email",
            "Straight answers on pay, hours and rosters",
        ),
        _a(
            "the step-up candidate",
            0.35,
            "is ready for more responsibility and looking for the next step",
            (
                "no clear route to the next level",
                "training is promised but rarely paid for",
            ),
            "Wants a visible path upward",
            "Worries a move now resets the progress already made",
            "Worries a move now resets the progress already made",
            "linkedin tiktok facebook email",
            "A named mentor and a promotion timeline in writing",
        ),
        _a(
            "the career changer",
            0.25,
            "comes from another sector with skills that transfer",
            (
                "does not hold the certificates yet",
                "unsure a team will take a chance on a newcomer",
            ),
            "Wants paid training and a fair start",
            "Doubts the role is really open to newcomers",
            "Assumes {rival} is the only way in",
            "tiktok facebook instagram linkedin",
            "Stories from people who made the same switch",
        ),
        _a(
            "the returner",
            0.55,
            "is coming back to work after a break",
            (
                "needs hours that fit family life",
                "worries their skills are out of date",
            ),
            "Wants predictable hours and a proper welcome back",
            "Fears being judged for the gap on the CV",
            "Fears being judged for the gap on the CV",
            "facebook instagram email linkedin",
            "Rosters and training dates known before day one",
        ),
    ),
    "Partnerships": (
        _a(
            "the programme owner",
            0.4,
            "runs the programme at {company} and reports on it every quarter",
            (
                "struggles to show impact beyond photos",
                "organising a single day takes weeks",
            ),
            "Wants impact it can take to leadership",
            "Worries the partnership will need more admin than it is worth",
            "Has partnered with {rival} and wants to know what is different",
            "linkedin email instagram",
            "A sample impact report from an existing partner",
        ),
        _a(
            "the budget signer",
            0.75,
            "approves the spend at {company} and answers to the board",
            (
                "needs proof the budget changed something",
                "partnerships fade after the launch photo",
            ),
            "Wants a partner with agreed goals and regular reporting",
            "Worries about the time it asks of staff",
            "Worries about the time it asks of staff",
            "email linkedin",
            "Goals, reporting dates and costs on one page",
        ),
        _a(
            "the employee champion",
            0.3,
            "organises volunteering and social activities at {company}",
            ("colleagues want flexible ways to help", "interest drops after one event"),
            "Wants easy ways for colleagues to join in",
            "Doubts enough colleagues will sign up",
            "Doubts enough colleagues will sign up",
            "instagram linkedin email",
            "Options that take minutes to book",
        ),
        _a(
            "the careful director",
            0.65,
            "protects the reputation of {company}",
            (
                "worries about a partnership that goes wrong in public",
                "has no time for long proposals",
            ),
            "Wants a credible partner with a clear track record",
            "Needs to see governance and reporting first",
            "Wants to know why {brand} rather than {rival}",
            "linkedin email",
            "References and a clear agreement",
        ),
    ),
    "Retention": (
        _a(
            "the drifting newcomer",
            0.3,
            "joined recently and is still building the habit",
            (
                "the first burst of motivation is fading",
                "unsure the effort is paying off",
            ),
            "Wants to see real progress",
            "Wonders whether {offer} is worth keeping",
            "Has seen a lower-priced offer from {rival}",
            "instagram email messaging",
            "A progress check with someone who knows their name",
        ),
        _a(
            "the loyal regular",
            0.7,
            "comes back every week and tells friends about it",
            ("the routine has started to feel the same", "loyalty goes unnoticed"),
            "Wants recognition and something new to try",
            "Feels newcomers get the better offers",
            "Feels newcomers get the better offers",
            "messaging email instagram",
            "Early access and a thank-you that feels personal",
        ),
        _a(
            "the busy juggler",
            0.45,
            "fits {offer} around work and family",
            ("schedule clashes make it easy to skip", "rebooking takes too many steps"),
            "Wants options that fit a packed week",
            "Thinks pausing is easier than fitting it in",
            "Thinks pausing is easier than fitting it in",
            "email messaging instagram",
            "Flexible options, offered before they think of pausing",
        ),
        _a(
            "the progress seeker",
            0.55,
            "tracks results and likes a clear next goal",
            ("plateaus without clear feedback", "does not know what to aim for next"),
            "Wants measurable progress and the next goal set",
            "Is tempted by something new elsewhere",
            "Is tempted to try {rival} for something new",
            "instagram youtube email",
            "Numbers that show the progress, and a plan for the next month",
        ),
    ),
    "Awareness": (
        _a(
            "the local explorer",
            0.35,
            "lives nearby and tries somewhere new most months",
            (
                "too many places look the same online",
                "rarely knows what is behind a name",
            ),
            "Wants a discovery worth sharing",
            "Assumes {a_entity} like this is only for special occasions",
            "Assumes {a_entity} like this is only for special occasions",
            "instagram tiktok facebook",
            "Real footage of {proof}",
        ),
        _a(
            "the planning visitor",
            0.6,
            "is researching before a visit and saves ideas as they go",
            ("reviews contradict each other", "worries about wasting a rare occasion"),
            "Wants a trusted pick before arriving",
            "Worries it will not live up to the photos",
            "Has {rival} on the shortlist already",
            "tiktok youtube instagram facebook",
            "Honest, unpolished video from people who went",
        ),
        _a(
            "the loyal local",
            0.7,
            "already knows {brand} and brings friends",
            ("hears about news too late", "wants to feel part of it"),
            "Wants to be first to hear what is new",
            "Sees little reason to follow a brand they already know",
            "Sees little reason to follow a brand they already know",
            "facebook instagram email",
            "First looks and invitations before anyone else",
        ),
        _a(
            "the sceptic",
            0.45,
            "ignores most brand posts and trusts friends instead",
            (
                "tired of adverts that all sound alike",
                "does not believe claims without proof",
            ),
            "Wants proof from people, not promises from brands",
            "Doubts anything a brand says about itself",
            "Thinks {rival} is the obvious choice",
            "tiktok facebook youtube",
            "{Diff}, shown by someone with nothing to sell",
        ),
    ),
    # A public service's residents: no fear, just where, when and who qualifies.
    "Public": (
        _a(
            "the one who means to get round to it",
            0.9,
            "knows about {offer} but keeps putting it off",
            (
                "assumes it needs an appointment and a long wait",
                "is not sure it is worth the trip",
            ),
            "Wants it done in one short trip, close to home",
            "Thinks it can wait until next month",
            "Already relies on {rival} and sees no reason to change",
            "facebook messaging email print",
            "{Diff}, with the nearest place and its hours",
        ),
        _a(
            "the organiser",
            0.5,
            "looks after someone else's errands and appointments as well as their own",
            (
                "fits other people's visits around work",
                "needs a clear rule on who qualifies",
            ),
            "Wants one clear answer on who qualifies and where to go",
            "Worries the person they look after will find it hard to get there",
            "Worries the person they look after will find it hard to get there",
            "facebook email messaging youtube",
            "Where and when, in one message that can be forwarded",
        ),
        _a(
            "the unsure if eligible",
            0.8,
            "has never been told directly that the service is for them",
            ("assumes it costs money", "does not know where to ask"),
            "Wants a plain yes or no on whether it applies to them",
            "Suspects there is a catch or a cost",
            "Suspects there is a catch or a cost",
            "facebook print email messaging",
            "Who qualifies, in one sentence, and {diff2}",
        ),
        _a(
            "the one with no spare hour",
            0.3,
            "fits errands between work and family",
            (
                "cannot take time off for anything that needs booking",
                "forgets until the season is over",
            ),
            "Wants something that fits a lunch break",
            "Thinks it will take longer than it does",
            "Thinks it will take longer than it does",
            "instagram facebook messaging youtube",
            "{Diff}, and how long it takes on the day",
        ),
    ),
    # The distributors a manufacturer recruits: territory, margin, stock, paperwork.
    "Distribution": (
        _a(
            "the territory protector",
            0.75,
            "owns the business and decides which manufacturers' lines it carries",
            (
                "suppliers who sell direct once the market is built",
                "margins squeezed by price-led rivals",
            ),
            "Wants a line that protects the territory and the margin",
            "Has been let down by a manufacturer that went direct",
            "Already carries {rival} and doubts a second line is worth it",
            "linkedin email events",
            "{Diff}, in writing",
        ),
        _a(
            "the lead-time watcher",
            0.45,
            "runs a sales team that has to sell what is in stock",
            ("lead times that lose orders", "paperwork that holds up delivery"),
            "Wants stock that arrives when promised, with complete documents",
            "Doubts the stated lead times will hold in a busy quarter",
            "Compares every lead time with {rival}",
            "linkedin email youtube",
            "{Diff2}, shown rather than claimed",
        ),
        _a(
            "the document checker",
            0.35,
            "answers engineers' questions and checks every datasheet",
            (
                "certificates that arrive after the goods",
                "specifications that differ from the datasheet",
            ),
            "Wants complete, correct technical documents the first time",
            "Will not recommend a line before seeing its test certificates",
            "Knows the {rival} range by heart and needs a reason to learn another",
            "youtube linkedin email",
            "A long technical video and a sample certificate pack",
        ),
        _a(
            "the cautious first order",
            0.55,
            "places the stocking orders and watches the cash tied up in stock",
            ("minimum orders that tie up cash", "price changes at short notice"),
            "Wants clear trade terms and a first order sized to the market",
            "Worries the first stocking order will sit on the shelf",
            "Compares every line with the {rival} price list",
            "email linkedin events",
            "Trade terms, lead times and a suggested first order on one page",
        ),
    ),
}
DEFAULT_AGES = {
    "consumer": (25, 55),
    "business": (30, 55),
    "Hiring": (22, 55),
    "Partnerships": (30, 58),
    "Retention": (25, 55),
    "Awareness": (22, 60),
    "Public": (25, 80),
    "Distribution": (35, 60),
}
