from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from portal.papi import actions, reports
from portal.periods import Quarter


class Command(BaseCommand):
    help = (
        "Renders the quarterly PAPI progress report to a PDF file, synchronously "
        "(for example: papi_report 2024-Q4 --output report.pdf)."
    )

    def add_arguments(self, parser):
        parser.add_argument("quarter", help="The quarter, for example 2024-Q4.")
        parser.add_argument("--output", "-o", required=True, help="The PDF file to write.")

    def handle(self, *args, quarter, output, **options):
        try:
            period = Quarter.parse(quarter)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        with translation.override(settings.LANGUAGE_CODE):
            # The same snapshots as the Celery job: computed once, never silently replaced.
            actions.report_snapshots_prepare(quarter=period)
            pdf = reports.render_pdf(period)
        Path(output).write_bytes(pdf)
        self.stdout.write(
            self.style.SUCCESS(f"Wrote {output} ({len(pdf):,} bytes) for {period.label}.")
        )
