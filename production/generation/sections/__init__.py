"""Section writers shared by both packs, and the quick social pack's own.

One function per pack section key, each returning a Markdown body (``writers.py``
maps the keys to them). Bodies never carry their own ``## `` heading.

Every writer has two plans. Variant 0 is the first draft; any other variant
(``ctx.alt``) is the regenerated take: the same facts and contracts, set out in
another structure, from another angle or in another order.

- ``opening``: the overview and the messaging framework (both packs).
- ``content``: the 30-day calendar (both packs), content buckets and hashtags.
- ``closing``: the light KPI plan, the execution roadmap and the final summary
  (the last two in both packs).
"""
