from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProceduresConfig(AppConfig):
    name = "procedures"
    verbose_name = _("Administrative procedures")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .limits import restore_if_missing

        # Tests that commit flush every table: put the app's legal limit back.
        post_migrate.connect(restore_if_missing, sender=self)
