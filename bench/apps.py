"""The bench app: installed by the local and test settings only, never in production."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    name = "bench"
    verbose_name = _("Benchmarks")

    def ready(self) -> None:
        # The benchmark and the engine's tests start ``noop_five`` by name.
        from bench import workflows
        from orchestration.engine.definitions import workflow_register

        workflow_register(workflows.NOOP_FIVE)
