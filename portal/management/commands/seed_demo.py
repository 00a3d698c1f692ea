from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import module_has_submodule

from portal import demo
from portal.papi import demo as papi_demo


class Command(BaseCommand):
    help = "Loads realistic Vietnamese demo data, with demo staff accounts. Safe to run again."

    def handle(self, *args, **options):
        with translation.override("vi"), transaction.atomic():
            demo.seed(self.stdout)
            # Then each plan area's own demo.py, in INSTALLED_APPS order.
            for config in apps.get_app_configs():
                if config.name != "portal" and module_has_submodule(config.module, "demo"):
                    import_module(f"{config.name}.demo").seed(self.stdout)
            # Last, when every app's data is there to measure.
            papi_demo.seed_snapshots()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(demo.sign_in_help())
