"""Import and export of the document catalog (CSV, XLSX). Imported rows arrive as drafts: an
editor publishes them. A row is identified by (number, issuer), so importing a corrected list
updates rows in place. Any bad row stops the whole import (the import runs in a transaction).
Rows are saved by `portal.publishing.item_save`, as an edit in the staff area is: search and the
cached pages follow, and a published document changes only for staff who may publish."""

import unicodedata
from datetime import date, datetime

from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from portal.publishing import can_change, item_save
from portal.slugs import vi_slugify

from .models import Document, Field, Issuer


class FlexibleDateWidget(widgets.DateWidget):
    """Reads dd/mm/yyyy (as staff type it) and ISO dates (as machines write them)."""

    FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        for fmt in self.FORMATS:
            try:
                return datetime.strptime(str(value).strip(), fmt).date()
            except ValueError:
                continue
        raise ValueError(_("Not a date: %(value)s (write dd/mm/yyyy)") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class KindWidget(widgets.Widget):
    """Accepts a kind's code ("decree") or its Vietnamese name ("Nghị định")."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        by_label = {str(label).casefold(): code for code, label in Document.Kind.choices}
        by_label.update(VIETNAMESE_KINDS)
        if text in Document.Kind.values:
            return text
        if text.casefold() in by_label:
            return by_label[text.casefold()]
        raise ValueError(_("Unknown kind: %(value)s") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value or ""


class IssuerWidget(widgets.ForeignKeyWidget):
    """An issuing body by its name or short name, in any case and spacing: "Bộ Công Thương",
    "bộ công thương" and "BCT" are the same record. A body not in the list yet is added, as
    fields are, so that a list from another system imports without preparing each body."""

    def __init__(self):
        super().__init__(Issuer, field="name")

    def clean(self, value, row=None, **kwargs):
        name = " ".join(unicodedata.normalize("NFC", str(value or "")).split())
        if not name:
            raise ValueError(_("The issuing body is missing."))
        issuer = Issuer.objects.filter(
            Q(name__iexact=name) | Q(short_name__iexact=name)
        ).first() or Issuer.objects.create(name=name[:200])
        return issuer


# Whatever the interface language, a spreadsheet written in Vietnamese imports.
VIETNAMESE_KINDS = {
    "luật": Document.Kind.LAW,
    "nghị định": Document.Kind.DECREE,
    "nghị quyết": Document.Kind.RESOLUTION,
    "thông tư": Document.Kind.CIRCULAR,
    "quyết định": Document.Kind.DECISION,
    "chỉ thị": Document.Kind.DIRECTIVE,
    "kế hoạch": Document.Kind.PLAN,
    "quy hoạch": Document.Kind.PLANNING,
    "công văn": Document.Kind.OFFICIAL_LETTER,
    "thông báo": Document.Kind.NOTICE,
    "báo cáo": Document.Kind.REPORT,
}


class PreviewDiff(resources.Diff):
    """The import preview in the words staff read elsewhere: a kind's or a status's label,
    not its stored code, and dates as dd/mm/yyyy. (Export keeps the codes, which import reads.)"""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.left = self.preview(resource, instance)

    def compare_with(self, resource, instance):
        self.right = self.preview(resource, instance)

    @staticmethod
    def preview(resource, instance):
        return [resource.preview_value(field, instance) for field in resource.get_import_fields()]


class DocumentResource(resources.ModelResource):
    user = None  # who imports, set by import_data; None is the system (a script)

    kind = fields.Field(attribute="kind", column_name="kind", widget=KindWidget())
    issuer = fields.Field(attribute="issuer", column_name="issuer", widget=IssuerWidget())
    issued_on = fields.Field(
        attribute="issued_on", column_name="issued_on", widget=FlexibleDateWidget()
    )
    effective_on = fields.Field(
        attribute="effective_on", column_name="effective_on", widget=FlexibleDateWidget()
    )
    expires_on = fields.Field(
        attribute="expires_on", column_name="expires_on", widget=FlexibleDateWidget()
    )
    fields = fields.Field(
        attribute="fields",
        column_name="fields",
        widget=widgets.ManyToManyWidget(Field, field="name", separator=";"),
    )

    class Meta:
        model = Document
        fields = [
            "number",
            "kind",
            "summary",
            "issuer",
            "signer",
            "issued_on",
            "effective_on",
            "expires_on",
            "legal_status",
            "implementation",
            "fields",
            "description",
        ]
        export_order = fields
        import_id_fields = ["number", "issuer"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    @classmethod
    def get_diff_class(cls):
        return PreviewDiff

    def get_diff_headers(self):
        # The file's column codes are shown above the form ("the following fields"); the
        # preview's columns are named as on the document's form.
        return [
            capfirst(Document._meta.get_field(field.attribute).verbose_name)
            for field in self.get_import_fields()
        ]

    def preview_value(self, field, instance):
        model_field = Document._meta.get_field(field.attribute)
        if instance is not None and model_field.choices:
            return getattr(instance, f"get_{field.attribute}_display")()
        if instance is not None and isinstance(model_field, models.DateField):
            value = getattr(instance, field.attribute)
            return date_format(value, "SHORT_DATE_FORMAT") if value else ""
        return field.export(instance)

    def import_data(self, dataset, **kwargs):
        # One bad row and nothing is saved, however the import is started (the admin does
        # the same): staff fix the file and import it again.
        kwargs.setdefault("use_transactions", True)
        kwargs.setdefault("rollback_on_validation_errors", True)
        self.user = kwargs.get("user")
        return super().import_data(dataset, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Only rows that change something get here: an unchanged published row is skipped.
        if not can_change(self.user, instance):
            import_validation_errors = {
                **(import_validation_errors or {}),
                NON_FIELD_ERRORS: [_("Only editors can publish or change a published item.")],
            }
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def do_instance_save(self, instance, is_create):
        item_save(
            item=instance,
            user=self.user,
            reason=_("Imported from a file"),
            force_insert=is_create,
        )

    def before_import_row(self, row, **kwargs):
        # Fields are a managed list: a new name in the file adds it, so staff need not
        # create each one by hand first.
        for name in str(row.get("fields") or "").split(";"):
            name = name.strip()
            if name and not Field.objects.filter(name=name).exists():
                Field.objects.create(name=name, slug=vi_slugify(name)[:200])


class DocumentExportResource(DocumentResource):
    """Export adds what only the portal knows: publication state and the public address."""

    publication = fields.Field(attribute="publication", column_name="publication")
    published_at = fields.Field(attribute="published_at", column_name="published_at")

    class Meta(DocumentResource.Meta):
        fields = [*DocumentResource.Meta.fields, "publication", "published_at"]
        export_order = fields
