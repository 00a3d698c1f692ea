"""Import and export of the procedure catalog (CSV, XLSX). A row is a procedure identified by
its portal key (`portal_key`, the procedure's number in the portal, which every export gives
and never changes) or, without one, by its national code; a row with neither is a new
procedure (many have no national code yet). Its processing time and fee per channel are
columns of the row. Any bad row
stops the whole import (nothing is saved) and is reported with its line. Each imported row
that changes a procedure records the difference field by field (`ProcedureChange`), which the
procedure's page shows as "Sửa đổi ngày …"; rows are saved through
`portal.publishing.item_save`, so a published procedure changes only for staff who may publish."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from portal.models import Unit
from portal.publishing import can_change, item_save
from portal.roles import can_access_unit

from . import actions
from .models import Channel, Dossier, Level, OnlineLevel, Procedure, SubmissionMethod

CHANNEL_COLUMNS = {
    Channel.IN_PERSON: ("days_in_person", "fee_in_person"),
    Channel.ONLINE: ("days_online", "fee_online"),
    Channel.POST: ("days_by_post", "fee_by_post"),
}


class ChoiceWidget(widgets.Widget):
    """A choice by its code ("full") or its Vietnamese label ("Toàn trình", "toàn trình")."""

    def __init__(self, choices, labels: dict[str, str]):
        super().__init__()
        self.choices = choices
        self.labels = labels

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if text in self.choices.values:
            return text
        if text.casefold() in self.labels:
            return self.labels[text.casefold()]
        raise ValueError(_("Unknown value: %(value)s") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value or ""


class NumberWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            number = int(str(value).replace(".", "").strip())
        except ValueError:
            raise ValueError(_("Not a whole number: %(value)s") % {"value": value}) from None
        if number < 0:
            raise ValueError(_("Not a whole number: %(value)s") % {"value": value})
        return number


class ProcedureResource(resources.ModelResource):
    user = None  # who imports, set by import_data; None is the system (a script)

    portal_key = fields.Field(
        attribute="pk", column_name="portal_key", widget=widgets.IntegerWidget(), readonly=True
    )
    level = fields.Field(
        attribute="level",
        column_name="level",
        widget=ChoiceWidget(
            Level, {"cấp tỉnh": "province", "cấp xã": "commune", "trung ương": "central"}
        ),
    )
    online_level = fields.Field(
        attribute="online_level",
        column_name="online_level",
        widget=ChoiceWidget(
            OnlineLevel,
            {"toàn trình": "full", "một phần": "partial", "": "none", "không": "none"},
        ),
    )
    days_in_person = fields.Field(column_name="days_in_person", widget=NumberWidget())
    fee_in_person = fields.Field(column_name="fee_in_person", widget=NumberWidget())
    days_online = fields.Field(column_name="days_online", widget=NumberWidget())
    fee_online = fields.Field(column_name="fee_online", widget=NumberWidget())
    days_by_post = fields.Field(column_name="days_by_post", widget=NumberWidget())
    fee_by_post = fields.Field(column_name="fee_by_post", widget=NumberWidget())

    class Meta:
        model = Procedure
        fields = [
            "portal_key",
            *("code", "name", "level", "field", "implementing_agency", "deciding_agency"),
            *("steps", "requirements", "results", "online_level", "national_portal_url"),
            *("legal_basis", "days_in_person", "fee_in_person", "days_online", "fee_online"),
            *("days_by_post", "fee_by_post"),
        ]
        export_order = fields
        import_id_fields = ["code"]
        skip_unchanged = False
        report_skipped = False
        clean_model_instances = True

    def _method(self, procedure, channel):
        if procedure.pk is None:
            return None
        return next((m for m in procedure.methods.all() if m.channel == channel), None)

    def dehydrate_method(self, procedure, channel, index):
        method = self._method(procedure, channel)
        value = None if method is None else (method.processing_days, method.fee_vnd)[index]
        return "" if value is None else value

    def dehydrate_days_in_person(self, procedure):
        return self.dehydrate_method(procedure, Channel.IN_PERSON, 0)

    def dehydrate_fee_in_person(self, procedure):
        return self.dehydrate_method(procedure, Channel.IN_PERSON, 1)

    def dehydrate_days_online(self, procedure):
        return self.dehydrate_method(procedure, Channel.ONLINE, 0)

    def dehydrate_fee_online(self, procedure):
        return self.dehydrate_method(procedure, Channel.ONLINE, 1)

    def dehydrate_days_by_post(self, procedure):
        return self.dehydrate_method(procedure, Channel.POST, 0)

    def dehydrate_fee_by_post(self, procedure):
        return self.dehydrate_method(procedure, Channel.POST, 1)

    def import_data(self, dataset, **kwargs):
        # One bad row and nothing is saved: staff fix the file and import it again.
        kwargs.setdefault("use_transactions", True)
        kwargs.setdefault("rollback_on_validation_errors", True)
        self.user = kwargs.get("user")
        self._before = {}
        return super().import_data(dataset, **kwargs)

    def get_instance(self, instance_loader, row):
        """The procedure of the row's portal key; without one, of its national code; none for
        a new procedure."""
        key = str(row.get("portal_key") or "").strip()
        if key:
            procedure = Procedure.objects.filter(pk=int(key)).first() if key.isdigit() else None
            if procedure is None:
                raise ValueError(_("No procedure has the portal key %(key)s.") % {"key": key})
            return procedure
        if code := str(row.get("code") or "").strip():
            return Procedure.objects.filter(code=code).first()
        # Without a key or a code, the same name as a procedure without a code would make a
        # second copy of it: staff give its key (from an export) instead.
        name = str(row.get("name") or "").strip()
        if Procedure.objects.filter(code="", name=name).exists():
            raise ValueError(
                _(
                    "A procedure of this name without a national code exists: give its "
                    "portal key (the first column of an export)."
                )
            )
        return None

    def before_import_row(self, row, **kwargs):
        if not str(row.get("name") or "").strip():
            raise ValueError(_("The procedure's name is missing."))
        for days_column, fee_column in CHANNEL_COLUMNS.values():
            for column in (days_column, fee_column):
                NumberWidget().clean(row.get(column))  # a bad number is reported on its row

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if not can_change(self.user, instance):
            import_validation_errors = {
                **(import_validation_errors or {}),
                NON_FIELD_ERRORS: [_("Only editors can publish or change a published item.")],
            }
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def do_instance_save(self, instance, is_create):
        if not is_create:
            self._before[instance.pk] = actions.snapshot(Procedure.objects.get(pk=instance.pk))
        item_save(
            item=instance, user=self.user, reason=_("Imported from a file"), force_insert=is_create
        )

    def after_save_instance(self, instance, row, **kwargs):
        """The methods of the row's channels, then the record of what the row changed."""
        for channel, (days_column, fee_column) in CHANNEL_COLUMNS.items():
            days = NumberWidget().clean(row.get(days_column))
            fee = NumberWidget().clean(row.get(fee_column))
            if days is None and fee is None:
                SubmissionMethod.objects.filter(procedure=instance, channel=channel).delete()
                continue
            method = SubmissionMethod.objects.filter(procedure=instance, channel=channel).first()
            method = method or SubmissionMethod(procedure=instance, channel=channel)
            method.processing_days, method.fee_vnd = days, fee
            method.save()
        before = self._before.pop(instance.pk, None)
        if before is not None:
            actions.record_change(
                procedure=instance, before=before, origin=_("Imported from a file")
            )


class DossierResource(resources.ModelResource):
    """Dossiers from the one-stop system's CSV export: a new code gets its appointment date and
    steps as a dossier recorded here does (`actions.dossier_receive`); a known code updates
    its status and result. The unit must be one of the importing officer's units."""

    user = None

    procedure = fields.Field(
        attribute="procedure",
        column_name="procedure_code",
        widget=widgets.ForeignKeyWidget(Procedure, field="code"),
    )
    unit = fields.Field(
        attribute="unit", column_name="unit", widget=widgets.ForeignKeyWidget(Unit, field="code")
    )
    received_at = fields.Field(
        attribute="received_at",
        column_name="received_at",
        widget=widgets.DateTimeWidget(format="%d/%m/%Y %H:%M"),
    )
    resolved_on = fields.Field(
        attribute="resolved_on", column_name="resolved_on", widget=widgets.DateWidget("%d/%m/%Y")
    )
    returned_on = fields.Field(
        attribute="returned_on", column_name="returned_on", widget=widgets.DateWidget("%d/%m/%Y")
    )

    class Meta:
        model = Dossier
        fields = [
            *("code", "procedure", "unit", "applicant_kind", "applicant_name"),
            *("applicant_phone", "channel", "received_at", "status", "resolved_on"),
            *("returned_on", "result_digitised"),
        ]
        export_order = fields
        import_id_fields = ["code"]
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True

    def import_data(self, dataset, **kwargs):
        kwargs.setdefault("use_transactions", True)
        kwargs.setdefault("rollback_on_validation_errors", True)
        self.user = kwargs.get("user")
        return super().import_data(dataset, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        unit = getattr(instance, "unit", None) if instance.unit_id else None
        if self.user is not None and unit is not None and not can_access_unit(self.user, unit):
            errors[NON_FIELD_ERRORS] = [_("This unit is not one of yours.")]
        procedure = instance.procedure if instance.procedure_id else None
        if (
            instance.pk is None
            and procedure
            and procedure.processing_days(instance.channel) is None
        ):
            errors[NON_FIELD_ERRORS] = [
                _("This procedure states no processing time for this channel.")
            ]
        if instance.pk is None and procedure and instance.received_at:
            instance.due_date = actions.due_date_for(
                instance.received_at, procedure.processing_days(instance.channel)
            )
        super().validate_instance(instance, errors, validate_unique)

    def do_instance_save(self, instance, is_create):
        actions.dossier_save(dossier=instance)

    def after_save_instance(self, instance, row, **kwargs):
        if not instance.steps.exists():
            actions.steps_create(
                dossier=instance, days=instance.procedure.processing_days(instance.channel)
            )
