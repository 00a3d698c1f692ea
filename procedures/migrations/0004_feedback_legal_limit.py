from django.db import migrations

from procedures.limits import LIMIT, add_legal_limits


def add(apps, schema_editor):
    add_legal_limits(apps.get_model("portal", "LegalLimit"))


def remove(apps, schema_editor):
    apps.get_model("portal", "LegalLimit").objects.filter(code=LIMIT["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0015_legal_limits"),
        ("procedures", "0003_feedback"),
    ]

    operations = [migrations.RunPython(add, remove)]
