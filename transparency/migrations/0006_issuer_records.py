"""One issuer record per issuing body text, spaces and Unicode form tidied, linked from every
document and every history row: no document is lost or changes its body. Two texts that tidy
to one name become one record, unless that would give one body two documents of the same
number: those keep a record of their own text, for staff to merge."""

import unicodedata

from django.db import migrations

UNKNOWN = "Chưa rõ cơ quan ban hành"


def tidy(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())[:200] or UNKNOWN


def texts_to_records(apps, schema_editor):
    Issuer = apps.get_model("transparency", "Issuer")
    Document = apps.get_model("transparency", "Document")
    HistoricalDocument = apps.get_model("transparency", "HistoricalDocument")
    records = {}

    def record(name):
        if name not in records:
            records[name] = Issuer.objects.get_or_create(name=name)[0]
        return records[name]

    taken = set()  # (number, issuer id)
    by_issuer = {}  # issuer id -> document ids
    by_text = {}  # text -> issuer id, for the history rows
    rows = Document.objects.values_list("pk", "number", "issuer_text")
    # Texts already tidy first: they keep the tidy name when two would clash.
    for pk, number, text in sorted(rows, key=lambda row: (row[2] != tidy(row[2]), row[0])):
        issuer = record(tidy(text))
        if (number, issuer.pk) in taken:
            issuer = record(text[:200])
        taken.add((number, issuer.pk))
        by_issuer.setdefault(issuer.pk, []).append(pk)
        by_text.setdefault(text, issuer.pk)
    for issuer_id, ids in by_issuer.items():
        Document.objects.filter(pk__in=ids).update(issuer=issuer_id)
    for text in HistoricalDocument.objects.values_list("issuer_text", flat=True).distinct():
        issuer_id = by_text.get(text) or record(tidy(text)).pk
        HistoricalDocument.objects.filter(issuer_text=text).update(issuer=issuer_id)


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
