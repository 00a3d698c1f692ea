from django.db import migrations, models

from egov.drawing import draw


def draw_parts(apps, schema_editor):
    DraftSection = apps.get_model("egov", "DraftSection")
    DraftVersion = apps.get_model("egov", "DraftVersion")
    for version in DraftVersion.objects.iterator():
        sections = list(DraftSection.objects.filter(version=version).order_by("position"))
        drawn = draw(sections)
        for section in sections:
            section.html = drawn[section.pk]
        DraftSection.objects.bulk_update(sections, ["html"], batch_size=200)


class Migration(migrations.Migration):
    dependencies = [
        ("egov", "0005_comment_latest_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="draftsection",
            name="html",
            field=models.TextField(
                blank=True, default="", editable=False, verbose_name="drawn text"
            ),
        ),
        migrations.RunPython(draw_parts, migrations.RunPython.noop),
    ]
