from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PapiConfig(AppConfig):
    name = "portal.papi"
    label = "papi"
    verbose_name = _("PAPI plan and reports")
