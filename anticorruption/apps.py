from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnticorruptionConfig(AppConfig):
    name = "anticorruption"
    verbose_name = _("Control of corruption")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment check)
