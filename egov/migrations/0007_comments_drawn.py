from django.db import migrations, models

from egov.drawing import draw_latest
from egov.selectors import latest_comments


def draw_comments(apps, schema_editor):
    """Draws the latest published comments of every version already stored."""
    DraftSection = apps.get_model("egov", "DraftSection")
    DraftVersion = apps.get_model("egov", "DraftVersion")
    for version in DraftVersion.objects.iterator():
        drawn = draw_latest(*latest_comments(version))
        version.comments_html, version.comments_count = drawn.pop(None, ("", 0))
        version.save(update_fields=["comments_html", "comments_count"])
        for section, (html, count) in drawn.items():
            DraftSection.objects.filter(pk=section).update(comments_html=html, comments_count=count)


def drawn_field():
    return models.TextField(blank=True, default="", editable=False, verbose_name="drawn comments")


def count_field():
    return models.PositiveIntegerField(default=0, editable=False, verbose_name="published comments")


class Migration(migrations.Migration):
    dependencies = [
        ("egov", "0006_draft_parts_drawn"),
    ]

    operations = [
        migrations.AddField("draftsection", "comments_html", drawn_field()),
        migrations.AddField("draftsection", "comments_count", count_field()),
        migrations.AddField("draftversion", "comments_html", drawn_field()),
        migrations.AddField("draftversion", "comments_count", count_field()),
        migrations.RunPython(draw_comments, migrations.RunPython.noop),
    ]
