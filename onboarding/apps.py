from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = _("Onboarding")

    def ready(self) -> None:
        from aicmo_site.kernel.scope import set_resolver
        from onboarding.selectors import scope_for_user

        set_resolver(scope_for_user)
