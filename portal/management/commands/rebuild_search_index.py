from django.core.management.base import BaseCommand, CommandError

from portal.search import rebuild, registry


class Command(BaseCommand):
    help = "Rebuild the site search index from every registered source (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--area", help="Only this area, for example: transparency")

    def handle(self, *args, area=None, **options):
        areas = [key for key, _label in registry.areas()]
        if area is not None and area not in areas:
            raise CommandError(f"Unknown area {area!r}; registered: {', '.join(areas) or 'none'}")
        count = rebuild(area)
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} entries."))
