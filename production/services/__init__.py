"""Production's writes, one module per sub-domain.

``drafts`` generates, regenerates and discards drafts; ``amendments`` applies an
operator's edit to one section; ``versions`` holds the row lock, the versioned save
and the snapshots both use; ``assets`` creates creative assets and moves them along.
Import a submodule by name: ``from production.services import drafts as
draft_services``.
"""
