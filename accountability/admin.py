"""Staff pages of the reception calendar. Writes go through `accountability.actions`."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin

from portal.admin import UnitScopedAdmin
from portal.history_admin import HistoryAdmin
from portal.roles import units_of
from portal.search import index_object
from portal.workdays import WorkingCalendar

from . import actions
from .models import Booking, ReceptionSchedule, ReceptionSession, Visit
from .resources import VisitResource


@admin.register(ReceptionSchedule)
class ReceptionScheduleAdmin(HistoryAdmin):
    list_display = ["name", "kind", "weekdays", "start_time", "end_time", "place", "is_published"]
    list_filter = ["kind", "is_published"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["generate_next_two_months"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        index_object(obj)

    @admin.action(
        description=_("Create the sessions of the next two months on the calendar's weekdays")
    )
    def generate_next_two_months(self, request, queryset):
        today = timezone.localdate()
        total = 0
        for schedule in queryset:
            total += len(
                actions.sessions_generate(
                    schedule=schedule,
                    start=today + timedelta(days=1),
                    end=today + timedelta(days=62),
                )
            )
        self.message_user(
            request,
            ngettext("%(count)d session created.", "%(count)d sessions created.", total)
            % {"count": total},
            messages.SUCCESS,
        )


class ReceptionSessionForm(forms.ModelForm):
    class Meta:
        model = ReceptionSession
        fields = [
            "schedule",
            "planned_date",
            "date",
            "start_time",
            "end_time",
            "place",
            "host",
            "delegate",
            "status",
            "notice",
            "capacity",
            "is_published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "date" in self.fields:  # absent when the officer may only view
            self.fields["date"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("date") and data.get("planned_date"):
            # A session planned on a day off is held on the next working day.
            data["date"] = WorkingCalendar(data["planned_date"], data["planned_date"]).on_or_after(
                data["planned_date"]
            )
        changed = set(self.changed_data) & set(actions.NOTIFIED_FIELDS)
        was_published = self.instance.pk and self.initial.get("is_published")
        if was_published and changed and not (data.get("notice") or "").strip():
            self.add_error(
                "notice",
                _("Write the notice citizens see and receive: this published session changed."),
            )
        return data


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(HistoryAdmin):
    form = ReceptionSessionForm
    list_display = [
        "date",
        "start_time",
        "schedule",
        "place",
        "receiver",
        "status",
        "is_published",
    ]
    list_filter = ["schedule", "status", "is_published"]
    date_hierarchy = "date"
    readonly_fields = ["booking_list"]

    @admin.display(description=_("bookings"))
    def booking_list(self, session):
        # A list, not an inline: bookings are made by citizens, never added here.
        rows = session.bookings.filter(status=Booking.Status.BOOKED) if session.pk else []
        return (
            format_html_join(
                mark_safe("<br>"),
                "{} – {} – {} – {}",
                ((b.code, b.get_topic_display(), b.name, b.phone) for b in rows),
            )
            or "–"
        )

    @admin.display(description=_("received by"))
    def receiver(self, session):
        return session.received_by

    def save_model(self, request, obj, form, change):
        actions.session_save(session=obj, changed=form.changed_data)


@admin.register(Booking)
class BookingAdmin(HistoryAdmin):
    list_display = ["code", "session", "topic", "name", "status", "created_at"]
    list_filter = ["status", "topic"]
    search_fields = ["code", "name", "phone"]
    readonly_fields = [
        "code",
        "consent_at",
        "consent_notice",
        "created_at",
        "cancelled_at",
        "reminder_sent_at",
    ]

    def has_add_permission(self, request):
        return False


@admin.register(Visit)
class VisitAdmin(UnitScopedAdmin, ExportMixin, HistoryAdmin):
    """The reception log: each officer sees and writes the entries of their own units."""

    resource_classes = [VisitResource]
    list_display = [
        "visited_on", "visitor_name", "classification", "handling", "unit", "received_by",
    ]  # fmt: skip
    list_filter = ["classification", "handling", "within_competence", "unit"]
    search_fields = ["visitor_name", "content", "visitor_address"]
    date_hierarchy = "visited_on"
    raw_id_fields = ["session", "booking"]
    list_select_related = ["unit"]

    def _hidden_from(self, request, object_id) -> bool:
        # Staff without the log's permission get the 403 of the history view, not a redirect.
        return self.has_view_or_change_permission(request) and super()._hidden_from(
            request, object_id
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = units_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        actions.visit_save(user=request.user, visit=obj)
