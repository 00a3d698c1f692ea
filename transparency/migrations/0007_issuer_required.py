"""Every document now names its issuer record: the text column goes and the link is required,
unique with the number as before."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0006_issuer_records"),
    ]

    operations = [
        migrations.RemoveField(model_name="document", name="issuer_text"),
        migrations.RemoveField(model_name="historicaldocument", name="issuer_text"),
        migrations.AlterField(
            model_name="document",
            name="issuer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="documents",
                to="transparency.issuer",
                verbose_name="issuing body",
            ),
        ),
        migrations.AddConstraint(
            model_name="document",
            constraint=models.UniqueConstraint(
                fields=("number", "issuer"), name="unique_document_number"
            ),
        ),
    ]
