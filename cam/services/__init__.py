"""Writes of client acquisition: campaigns, leads, the funnel, deals and outreach.

Every service validates its whole input first and reports every bad field at once
(:class:`cam.errors.ValidationFailed`), runs in one transaction, and locks the row
(``select_for_update``) before it changes a status. Locks are taken campaign first,
then lead, so two services never wait on each other in opposite orders.

One module per role; import them by name (``from cam.services import leads as
lead_services``):

- :mod:`~cam.services.validation` checks and normalizes input fields;
  :mod:`~cam.services.rows` saves rows, takes the row locks and cancels queued
  messages, for every other module.
- :mod:`~cam.services.campaigns`: campaigns and their status.
- :mod:`~cam.services.leads`: lead intake (deduplicated on the email), edits and the
  funnel's status moves.
- :mod:`~cam.services.qualification`: the qualification rules applied to a lead.
- :mod:`~cam.services.deals`: closing a deal, the only way to ROUTED.
- :mod:`~cam.services.suppression`: the addresses that get no outreach.
- :mod:`~cam.services.outreach`: outreach plans and the sender's last check.
- :mod:`~cam.services.imports`: lead files, checked whole, then stored in bulk.
"""
