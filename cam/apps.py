from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CamConfig(AppConfig):
    name = "cam"
    verbose_name = _("Client acquisition")
