"""Orchestration's admin: runs with their timeline, the outbox, brief import and start.

Django's autodiscovery imports this package; importing the modules below registers
their ``ModelAdmin`` classes. Every write goes through :mod:`orchestration.api`.

* :mod:`~orchestration.admin.runs`: runs, steps and events; retry and cancel.
* :mod:`~orchestration.admin.timeline`: a run's steps, compensations and events.
* :mod:`~orchestration.admin.intake`: the brief import and start-runs pages.
* :mod:`~orchestration.admin.outbox`: events raised outside a run, and deliveries.
* :mod:`~orchestration.admin.markup`: the HTML pieces these pages share.
"""

from orchestration.admin import outbox, runs

__all__ = ("outbox", "runs")
