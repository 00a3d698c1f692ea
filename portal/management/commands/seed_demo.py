from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from portal import demo


class Command(BaseCommand):
    help = "Loads realistic Vietnamese demo data, with demo staff accounts. Safe to run again."

    def handle(self, *args, **options):
        with translation.override("vi"), transaction.atomic():
            # Every app's demo steps (its demo.py), each after the steps it needs.
            for step in demo.ordered_steps():
                step.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(demo.sign_in_help())
