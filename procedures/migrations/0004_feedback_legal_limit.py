from django.db import migrations

from portal.reference_data import load_legal_limits
from procedures.legal_limits import FEEDBACK_HANDLING, LEGAL_LIMITS


def add(apps, schema_editor):
    load_legal_limits(apps.get_model("portal", "LegalLimit"), LEGAL_LIMITS)


def remove(apps, schema_editor):
    apps.get_model("portal", "LegalLimit").objects.filter(code=FEEDBACK_HANDLING).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0015_legal_limits"),
        ("procedures", "0003_feedback"),
    ]

    operations = [migrations.RunPython(add, remove)]
