from django.db import migrations, models

import portal.storage
import transparency.models


def _move(apps, source, target):
    Attachment = apps.get_model("transparency", "Attachment")
    for pk, name in Attachment.objects.exclude(file="").values_list("pk", "file").iterator():
        if not source.exists(name) or target.exists(name):
            continue
        with source.open(name, "rb") as handle:
            saved = target.save(name, handle)
        if saved != name:
            Attachment.objects.filter(pk=pk).update(file=saved)
        source.delete(name)


def to_private(apps, schema_editor):
    """Files uploaded before this release sit in public media: move them out of reach."""
    from django.core.files.storage import default_storage

    _move(apps, default_storage, portal.storage.private())


def to_public(apps, schema_editor):
    from django.core.files.storage import default_storage

    _move(apps, portal.storage.private(), default_storage)


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0008_alter_attachment_text_extracted_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                max_length=200,
                storage=portal.storage.private,
                upload_to=transparency.models.attachment_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
