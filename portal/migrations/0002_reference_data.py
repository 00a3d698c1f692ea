from django.db import migrations

from portal import reference_data
from portal.roles import ROLE_LABELS


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_LABELS:
        Group.objects.get_or_create(name=name)


def load(apps, schema_editor):
    reference_data.load_dimensions(apps.get_model("portal", "Dimension"))
    reference_data.load_holidays(apps.get_model("portal", "Holiday"))
    reference_data.load_official_scores(apps.get_model("portal", "OfficialScore"))


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
