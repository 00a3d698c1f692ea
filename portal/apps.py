from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .indicators import autodiscover
        from .roles import sync_role_permissions
        from .search import autodiscover as discover_search

        autodiscover()
        discover_search()
        # Roles get the permissions of models that later apps add, after every migrate: once
        # the last app's permissions exist (portal's own signal comes before theirs).
        post_migrate.connect(_after_last_app(sync_role_permissions), weak=False)


def _after_last_app(handler):
    def receiver(sender, **kwargs):
        from django.apps import apps

        with_models = [c for c in apps.get_app_configs() if c.models_module is not None]
        if sender is with_models[-1]:
            handler(sender=sender, **kwargs)

    return receiver
