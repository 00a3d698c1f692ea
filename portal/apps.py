from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from . import beat, checks  # noqa: F401  (checks: registers the system checks)
        from .accounts import vietnamese_full_name
        from .collation import register_sqlite_collation
        from .indicators import autodiscover
        from .opendata import autodiscover as discover_open_data
        from .reference_data import restore_if_empty
        from .roles import sync_role_permissions
        from .search import autodiscover as discover_search

        autodiscover()
        discover_search()
        discover_open_data()
        beat.collect()
        # Roles get the permissions of models that later apps add, after every migrate.
        post_migrate.connect(sync_role_permissions, sender=self)
        # Tests that commit (browser, Celery) flush every table: put the reference data back.
        post_migrate.connect(restore_if_empty, sender=self)
        # Every page, form and admin list that names a person writes the family name first.
        get_user_model().add_to_class("get_full_name", vietnamese_full_name)
        # SQLite learns the Vietnamese collation PostgreSQL has from ICU.
        connection_created.connect(register_sqlite_collation)
