"""The legal limits of recruitment rounds and the retention period of anonymous reports
(anticorruption/legal_limits.py), as rows of portal.LegalLimit."""

from django.db import migrations

from anticorruption.legal_limits import add_missing


def add(apps, schema_editor):
    add_missing(apps.get_model("portal", "LegalLimit"))


class Migration(migrations.Migration):
    dependencies = [
        ("anticorruption", "0001_channel_and_recruitment"),
        ("portal", "0015_legal_limits"),
    ]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
