"""The power company's list of planned outages, imported as CSV or XLSX.

Columns (Vietnamese, as the power company writes them): "Mã thông báo" (its reference),
"Phường/xã" (one or more wards separated by ";", with or without diacritics, with or without
"Phường"/"Xã", old names not accepted), "Khu vực", "Bắt đầu" and "Kết thúc" (dd/mm/yyyy hh:mm),
"Lý do", "Ngày thông báo" (dd/mm/yyyy hh:mm; empty: the time of the import). A row is
identified by its reference, so a corrected list updates rows in place. One bad row and nothing
is saved: the import runs in one transaction and the preview names each bad row.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from portal.caching import bump_after_commit

from .models import PlannedOutage, Ward, ward_key

NAMESPACE = "services"
DATETIME_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %Hh%M", "%Y-%m-%d %H:%M")


class LocalDateTimeWidget(widgets.Widget):
    """dd/mm/yyyy hh:mm in the portal's time zone (a spreadsheet's own dates are read too)."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            moment = value
        else:
            text = " ".join(str(value).split())
            for fmt in DATETIME_FORMATS:
                try:
                    moment = datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
            else:
                raise ValueError(
                    _("Not a date and time: %(value)s (write dd/mm/yyyy hh:mm)") % {"value": value}
                )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    def render(self, value, obj=None, **kwargs):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


class WardsWidget(widgets.ManyToManyWidget):
    """Wards by name, separated by ";", matched without diacritics or the kind of unit."""

    def __init__(self):
        super().__init__(Ward, field="name", separator=";")

    def clean(self, value, row=None, **kwargs):
        names = [part.strip() for part in str(value or "").split(";") if part.strip()]
        if not names:
            raise ValueError(_("No ward or commune is given."))
        by_key = dict(Ward.objects.values_list("key", "pk"))
        unknown = [name for name in names if ward_key(name) not in by_key]
        if unknown:
            raise ValueError(
                _("Unknown ward or commune: %(names)s") % {"names": ", ".join(unknown)}
            )
        return Ward.objects.filter(pk__in=[by_key[ward_key(name)] for name in names])

    def render(self, value, obj=None, **kwargs):
        return "; ".join(ward.name for ward in value.all()) if value is not None else ""


class PlannedOutageResource(resources.ModelResource):
    reference = fields.Field(attribute="reference", column_name="Mã thông báo")
    wards = fields.Field(attribute="wards", column_name="Phường/xã", widget=WardsWidget())
    area = fields.Field(attribute="area", column_name="Khu vực")
    starts_at = fields.Field(
        attribute="starts_at", column_name="Bắt đầu", widget=LocalDateTimeWidget()
    )
    ends_at = fields.Field(
        attribute="ends_at", column_name="Kết thúc", widget=LocalDateTimeWidget()
    )
    reason = fields.Field(attribute="reason", column_name="Lý do")
    announced_at = fields.Field(
        attribute="announced_at", column_name="Ngày thông báo", widget=LocalDateTimeWidget()
    )

    class Meta:
        model = PlannedOutage
        fields = ["reference", "wards", "area", "starts_at", "ends_at", "reason", "announced_at"]
        export_order = fields
        import_id_fields = ["reference"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def import_data(self, dataset, **kwargs):
        # One bad row and nothing is saved, however the import is started.
        kwargs.setdefault("use_transactions", True)
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def before_import_row(self, row, **kwargs):
        for column in ("Mã thông báo", "Khu vực", "Lý do"):
            if row.get(column) is not None:
                row[column] = " ".join(str(row[column]).split())

    def import_instance(self, instance, row, **kwargs):
        # The wards are saved after the row, but checked with it: an unknown ward is a bad row
        # named in the preview like a bad date, not an error after the save.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.error_dict
        try:
            self.fields["wards"].clean(row)
        except ValueError as error:
            errors["wards"] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)
        if instance.announced_at is None:
            instance.announced_at = timezone.now()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.starts_at and instance.ends_at and instance.ends_at <= instance.starts_at:
            errors.setdefault("ends_at", []).append(_("The end must be after the start."))
        super().validate_instance(instance, errors, validate_unique)

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not self._is_dry_run(kwargs):
            bump_after_commit(NAMESPACE)
