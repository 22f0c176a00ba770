"""Section writers for the ``strategy_campaign_standard`` pack's campaign sections.

The overview, messaging, calendar, roadmap and summary writers are shared with the
quick social pack (``production.generation.sections``) and the persona cards are in
``production.generation.personas``; these add the campaign-only sections. Like every
writer, each has a first-draft plan and a regenerated one (``ctx.alt``).

- ``idea``: the campaign objective and the core campaign idea.
- ``audience``: the channel plan and the audience segments.
- ``creative``: creative direction and influencer strategy.
- ``conversion``: promotions and offers, email and CRM flows, ad concepts.
- ``measurement``: the KPI and budget plan, and the post-campaign analysis.
"""
