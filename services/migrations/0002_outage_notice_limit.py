from django.db import migrations

from portal.reference_data import load_legal_limits
from services.legal_limits import LEGAL_LIMITS


def add(apps, schema_editor):
    load_legal_limits(apps.get_model("portal", "LegalLimit"), LEGAL_LIMITS)


def remove(apps, schema_editor):
    apps.get_model("portal", "LegalLimit").objects.filter(
        code__in=[row[0] for row in LEGAL_LIMITS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_outages"),
        ("portal", "0015_legal_limits"),
    ]

    operations = [migrations.RunPython(add, remove)]
