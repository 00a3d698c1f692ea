from django.db import migrations

# SQLite cannot index "NULLS LAST"; PostgreSQL needs it to read the default sort from an index.
CREATE = (
    "CREATE INDEX IF NOT EXISTS document_issued_idx ON transparency_document "
    "(issued_on DESC NULLS LAST, id DESC)"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS document_issued_idx")


class Migration(migrations.Migration):
    dependencies = [("transparency", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
