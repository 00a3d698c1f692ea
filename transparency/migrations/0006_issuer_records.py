"""One issuer record per distinct issuing body text (spaces and Unicode form tidied), linked
from every document and every history row: no document is lost or changes its body."""

import unicodedata

from django.db import migrations


def tidy(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def texts_to_records(apps, schema_editor):
    Issuer = apps.get_model("transparency", "Issuer")
    records = {}
    for model_name in ("Document", "HistoricalDocument"):
        model = apps.get_model("transparency", model_name)
        for text in model.objects.values_list("issuer_text", flat=True).distinct():
            name = tidy(text)
            if not name:
                continue
            if name not in records:
                records[name], _created = Issuer.objects.get_or_create(name=name[:200])
            model.objects.filter(issuer_text=text).update(issuer=records[name])


def records_to_texts(apps, schema_editor):
    Issuer = apps.get_model("transparency", "Issuer")
    for model_name in ("Document", "HistoricalDocument"):
        model = apps.get_model("transparency", model_name)
        for issuer in Issuer.objects.all():
            model.objects.filter(issuer=issuer).update(issuer_text=issuer.name)


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0005_issuer"),
    ]

    operations = [migrations.RunPython(texts_to_records, records_to_texts)]
