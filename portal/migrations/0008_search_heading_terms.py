"""The heading's words and pairs of neighbouring words, indexed on PostgreSQL in place of the
trigram index of 0005 on the exact spelling (the one without diacritics still serves the
matching of all results).

Every trigram of a phrase of common words ("quy định công thương") is common, so the trigram
index returned tens of thousands of rows whose wide heap rows were then rechecked, for a phrase
found in none; a pair of neighbouring words is rare even when its words are not. The column is
filled on PostgreSQL only (`portal.search.heading_terms`); other databases skip the rest."""

from django.db import migrations, models

FORWARD = [
    """
    CREATE INDEX search_entry_heading_terms ON portal_searchentry
    USING gin (array_to_tsvector(string_to_array(heading_terms, ' ')))
    """,
    "DROP INDEX IF EXISTS search_entry_heading_exact_trgm",
    # The planner's estimates for the new expression come from these statistics.
    "ANALYZE portal_searchentry",
]

BACKWARD = [
    """
    CREATE INDEX IF NOT EXISTS search_entry_heading_exact_trgm ON portal_searchentry
    USING gin (heading_exact public.gin_trgm_ops)
    """,
    "DROP INDEX IF EXISTS search_entry_heading_terms",
]


def fill_terms(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from portal.search import heading_terms

    entry_model = apps.get_model("portal", "SearchEntry")
    entries = entry_model.objects.only("heading_norm", "heading_exact").order_by("pk")
    batch = []
    for entry in entries.iterator(chunk_size=2000):
        entry.heading_terms = heading_terms(entry.heading_norm, entry.heading_exact)
        batch.append(entry)
        if len(batch) == 2000:
            entry_model.objects.bulk_update(batch, ["heading_terms"])
            batch = []
    entry_model.objects.bulk_update(batch, ["heading_terms"])


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    # The fill and the index build are long on a large index: outside one transaction.
    atomic = False

    dependencies = [("portal", "0007_papi_plan_and_reports")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="heading_terms",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_terms, migrations.RunPython.noop, elidable=False),
        migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False),
    ]
