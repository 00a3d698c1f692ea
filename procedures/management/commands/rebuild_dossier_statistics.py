from django.core.management.base import BaseCommand

from procedures.summary import rebuild


class Command(BaseCommand):
    help = (
        "Counts the daily summary of the dossiers (the statistics page, the open data and the "
        "indicators) again from the dossiers; safe to run at any time."
    )

    def handle(self, *args, **options):
        rows = rebuild()
        self.stdout.write(f"{rows} summary rows")
