from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AnticorruptionConfig(AppConfig):
    name = "anticorruption"
    verbose_name = _("Control of corruption")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deployment check)
        from .legal_limits import restore

        # Tests that commit flush every table: the portal puts its limits back, then these.
        post_migrate.connect(restore, sender=self)
