"""Deliver the domain events still waiting in the outbox to their subscribers."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from orchestration import api as orchestration_api


class Command(BaseCommand):
    help = (
        "Deliver pending outbox events (raised outside a run, such as "
        "cam.client_signed) to their subscribers. Exits 1 if any still fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=100, help="At most this many events."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        summary = orchestration_api.events_dispatch_pending(limit=options["limit"])
        self.stdout.write(f"Delivered {summary.delivered} event(s).")
        if summary.failed:
            raise CommandError(
                f"{summary.failed} event(s) failed and stay pending; see the "
                "outbox events in the admin for their errors."
            )
