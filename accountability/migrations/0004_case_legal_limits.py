"""The legal limits of cases and explanations that portal/0015 does not hold: the longer
resolution periods for complex or remote cases and the extensions (accountability/legal_limits.py)."""

from django.db import migrations

from accountability.legal_limits import LEGAL_LIMITS
from portal.reference_data import load_legal_limits


def load(apps, schema_editor):
    load_legal_limits(apps.get_model("portal", "LegalLimit"), LEGAL_LIMITS)


def unload(apps, schema_editor):
    apps.get_model("portal", "LegalLimit").objects.filter(
        code__in=[row[0] for row in LEGAL_LIMITS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accountability", "0003_cases_explanations_dialogues_inspections"),
        ("portal", "0015_legal_limits"),
    ]

    operations = [migrations.RunPython(load, unload)]
