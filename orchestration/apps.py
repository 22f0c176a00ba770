from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from aicmo_site.kernel import events
from aicmo_site.kernel.permissions import roles_sync


def _roles_sync(*, using, apps=global_apps, **kwargs) -> None:
    # ``migrate`` passes its historical ``apps``; ``flush`` (and so every transactional
    # test's teardown) passes none, as for auth's create_permissions.
    roles_sync(apps=apps, using=using)


class OrchestrationConfig(AppConfig):
    name = "orchestration"
    verbose_name = _("Orchestration")

    def ready(self) -> None:
        # After migrate, so a fresh database always has the "operators" and "viewers"
        # groups. Orchestration is the last AICMO app installed: every app's
        # permissions exist when its post_migrate runs.
        post_migrate.connect(_roles_sync, sender=self, dispatch_uid="aicmo_roles_sync")
        # Events raised outside a run (a deal closed in cam) go to the transactional
        # outbox, and from there to their subscribers (orchestration.subscribers).
        from orchestration import sagas, subscribers
        from orchestration.engine.definitions import workflow_register

        events.sink_install(subscribers.outbox_write)
        # The engine runs only the workflows registered with it.
        workflow_register(*sagas.WORKFLOWS)
