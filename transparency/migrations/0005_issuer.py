"""Issuing bodies become records: the model, and a link beside the free-text column that
0006 fills from it. 0007 then drops the text."""

import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("transparency", "0004_status_filter_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="Issuer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="For example Bộ Công Thương.",
                        max_length=200,
                        unique=True,
                        verbose_name="name",
                    ),
                ),
                (
                    "short_name",
                    models.CharField(
                        blank=True,
                        help_text="For example BCT.",
                        max_length=50,
                        verbose_name="short name",
                    ),
                ),
            ],
            options={
                "verbose_name": "issuing body",
                "verbose_name_plural": "issuing bodies",
                "ordering": [
                    models.OrderBy(
                        django.db.models.functions.comparison.Collate(models.F("name"), "vi-x-icu")
                    )
                ],
            },
        ),
        migrations.AlterModelOptions(
            name="field",
            options={
                "ordering": [
                    "order",
                    models.OrderBy(
                        django.db.models.functions.comparison.Collate(models.F("name"), "vi-x-icu")
                    ),
                ],
                "verbose_name": "field",
                "verbose_name_plural": "fields",
            },
        ),
        migrations.AlterModelOptions(
            name="ward",
            options={
                "ordering": [
                    models.OrderBy(
                        django.db.models.functions.comparison.Collate(models.F("name"), "vi-x-icu")
                    )
                ],
                "verbose_name": "ward or commune",
                "verbose_name_plural": "wards and communes",
            },
        ),
        migrations.RemoveConstraint(model_name="document", name="unique_document_number"),
        migrations.RenameField(model_name="document", old_name="issuer", new_name="issuer_text"),
        migrations.RenameField(
            model_name="historicaldocument", old_name="issuer", new_name="issuer_text"
        ),
        migrations.AddField(
            model_name="document",
            name="issuer",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="documents",
                to="transparency.issuer",
                verbose_name="issuing body",
            ),
        ),
        migrations.AddField(
            model_name="historicaldocument",
            name="issuer",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="transparency.issuer",
                verbose_name="issuing body",
            ),
        ),
    ]
