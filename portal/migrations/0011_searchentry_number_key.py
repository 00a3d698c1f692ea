"""Document numbers stored as their parts ("59/2019/NĐ-CP" → "59/2019/ndcp", see
`portal.search.DocumentNumber`), so that every way of writing a number finds its document."""

from django.db import migrations


def store_number_keys(apps, schema_editor):
    from portal.search import identifier_form

    entry_model = apps.get_model("portal", "SearchEntry")
    entries = entry_model.objects.exclude(identifier="").only("identifier").order_by("pk")
    batch = []
    for entry in entries.iterator(chunk_size=2000):
        key = identifier_form(entry.identifier)[:100]
        if key != entry.identifier:
            entry.identifier = key
            batch.append(entry)
        if len(batch) == 2000:
            entry_model.objects.bulk_update(batch, ["identifier"])
            batch = []
    entry_model.objects.bulk_update(batch, ["identifier"])


class Migration(migrations.Migration):
    dependencies = [("portal", "0010_outbox_task")]

    operations = [
        migrations.RunPython(store_number_keys, migrations.RunPython.noop, elidable=False),
    ]
