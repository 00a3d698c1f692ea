"""Staff pages of the reception calendar and log, cases, explanations, dialogues and inspection
follow-up. Writes go through `accountability.actions`."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin

from portal.admin import StoredAttachmentForm, TabularInline, UnitScopedAdmin
from portal.history_admin import HistoryAdmin
from portal.publishing import PublishableAdmin
from portal.roles import units_of
from portal.search import index_object
from portal.workdays import WorkingCalendar

from . import actions
from .deadlines import calendar_for, case_clocks, explanation_clocks, running_clocks
from .models import (
    Booking,
    Case,
    CaseAttachment,
    Dialogue,
    DialogueQuestion,
    ExplanationRequest,
    InspectionConclusion,
    ReceptionSchedule,
    ReceptionSession,
    Recommendation,
    Visit,
    case_units,
    sees_every_case,
)
from .resources import CaseResource, VisitResource

User = get_user_model()


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
    actions = ["make_cases"]

    @admin.action(description=_("Open a case for each selected visit (complaint or denunciation)"))
    def make_cases(self, request, queryset):
        made = 0
        for visit in queryset.filter(
            classification__in=[Visit.Classification.COMPLAINT, Visit.Classification.DENUNCIATION]
        ):
            actions.case_from_visit(user=request.user, visit=visit)
            made += 1
        self.message_user(
            request,
            ngettext("%(count)d case opened.", "%(count)d cases opened.", made) % {"count": made},
            messages.SUCCESS,
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = units_of(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        actions.visit_save(user=request.user, visit=obj)


# --- Cases ----------------------------------------------------------------------------------------


class ScopedByQuerySet:
    """For a model whose QuerySet has `of_units_of(user)`: the admin lists and opens only what
    that method gives (another unit's object "does not exist", as in UnitScopedAdmin's lists)."""

    def get_queryset(self, request):
        return self.model.objects.of_units_of(request.user).filter(
            pk__in=super().get_queryset(request).values("pk")
        )


class CaseAttachmentForm(StoredAttachmentForm):
    class Meta:
        model = CaseAttachment
        fields = ["title", "file"]


class CaseAttachmentInline(TabularInline):
    model = CaseAttachment
    form = CaseAttachmentForm
    extra = 1
    fields = ["title", "file", "format", "size"]
    readonly_fields = ["format", "size"]

    def get_fields(self, request, obj=None):
        # Those who only read the case see each document as a link to its checking view (a
        # private file has no URL of its own).
        if not self.has_change_permission(request, obj):
            return ["title", "download", "format", "size"]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "download"]

    @admin.display(description=_("file"))
    def download(self, attachment):
        if not attachment.pk:
            return "–"
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>', attachment.get_absolute_url(), attachment
        )


@admin.register(Case)
class CaseAdmin(ScopedByQuerySet, ExportMixin, HistoryAdmin):
    """Complaints and denunciations: the inspection unit and leadership see every case; any
    other officer only those assigned to their units."""

    resource_classes = [CaseResource]
    list_display = [
        "code", "kind", "subject", "received_on", "unit", "status", "next_deadline",
    ]  # fmt: skip
    list_filter = ["kind", "status", "channel", "unit"]
    search_fields = ["code", "subject", "petitioner_name"]
    date_hierarchy = "received_on"
    raw_id_fields = ["visit"]
    list_select_related = ["unit"]
    inlines = [CaseAttachmentInline]
    readonly_fields = ["code", "clocks", "consent_at", "consent_notice", "created_at"]
    fieldsets = [
        (
            None,
            {"fields": ["code", "kind", "level", "channel", "visit", "received_on", "clocks"]},
        ),
        (
            _("Sender"),
            {"fields": ["petitioner_name", "petitioner_address", "phone", "email"]},
        ),
        (_("Content"), {"fields": ["subject", "content"]}),
        (
            _("Handling"),
            {
                "fields": [
                    "unit",
                    "officer",
                    "status",
                    "within_competence",
                    "complex",
                    "remote_area",
                    "acceptance_extended",
                    "extensions",
                    "accepted_on",
                    "notified_on",
                    "forwarded_to",
                    "forwarded_on",
                    "refusal_reason",
                ]
            },
        ),
        (_("Decision"), {"fields": ["resolved_on", "decision_number", "decision"]}),
        (_("Consent"), {"fields": ["consent_at", "consent_notice", "created_at"]}),
    ]

    @admin.display(description=_("legal time limits"))
    def clocks(self, case):
        if not case.pk or not case.received_on:
            return "–"
        rows = []
        today = timezone.localdate()
        for clock in case_clocks(case):
            if clock.done_on:
                state = _("done on %(day)s") % {"day": clock.done_on.strftime("%d/%m/%Y")}
            elif clock.overdue(today):
                state = _("overdue")
            else:
                state = _("running")
            sources = "; ".join(
                f"{limit.value} {limit.get_unit_display()} – {limit.citation}"
                for limit in clock.limits
            )
            rows.append((clock.label, clock.due.strftime("%d/%m/%Y"), state, sources))
        return format_html_join(mark_safe("<br>"), "{}: {} ({}) [{}]", rows) or "–"

    def changelist_view(self, request, extra_context=None):
        # The holidays read once for the page's "next deadline" column (a window that holds
        # every open case, whoever asks, since the admin instance is shared).
        self._calendar = calendar_for(Case.objects.open(), timezone.localdate())
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("next deadline"))
    def next_deadline(self, case):
        running = running_clocks(case, getattr(self, "_calendar", None))
        return min(clock.due for clock in running).strftime("%d/%m/%Y") if running else "–"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = case_units(request.user)
            # An officer who sees only their units' cases assigns each to one of them (a case
            # without a unit is for the inspection unit to assign).
            kwargs["required"] = not sees_every_case(request.user)
        if db_field.name == "officer":
            kwargs["queryset"] = User.objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not obj.code:
            obj.code = actions._unique_code(Case, actions.CASE_PREFIX[obj.kind])
        actions.case_save(user=request.user, case=obj, changed=form.changed_data)

    def save_formset(self, request, form, formset, change):
        if formset.model is not CaseAttachment:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for attachment in formset.deleted_objects:
            attachment.delete()
        for attachment, _changed in formset.changed_objects:
            attachment.save(update_fields=["title"])
        formset.new_objects = [
            actions.case_attachment_add(
                user=request.user,
                case=form.instance,
                uploaded=new_form.cleaned_data["file"],
                title=new_form.cleaned_data.get("title", ""),
            )
            for new_form in formset.extra_forms
            if new_form.has_changed() and new_form not in formset.deleted_forms
        ]
        return None


@admin.register(ExplanationRequest)
class ExplanationRequestAdmin(ScopedByQuerySet, HistoryAdmin):
    list_display = ["code", "subject", "received_on", "unit", "status", "is_published"]
    list_filter = ["status", "is_published", "unit"]
    search_fields = ["code", "subject", "requester_name"]
    date_hierarchy = "received_on"
    readonly_fields = ["code", "clocks", "publish_consent", "consent_at", "consent_notice"]
    fieldsets = [
        (None, {"fields": ["code", "received_on", "clocks", "unit", "status", "decided_on"]}),
        (_("Requester"), {"fields": ["requester_name", "requester_address", "phone", "email"]}),
        (_("The request"), {"fields": ["subject", "content", "refusal_reason", "extended"]}),
        (
            _("The written explanation (Decree 59/2019, Art. 12)"),
            {"fields": ["meeting_results", "legal_basis", "explanation", "explained_on"]},
        ),
        (
            _("Publication"),
            {"fields": ["publish_consent", "is_published", "consent_at", "consent_notice"]},
        ),
    ]

    @admin.display(description=_("legal time limits"))
    def clocks(self, item):
        if not item.pk or not item.received_on:
            return "–"
        rows = [
            (
                clock.label,
                clock.due.strftime("%d/%m/%Y"),
                "; ".join(f"{limit.value} {limit.get_unit_display()} – {limit.citation}"
                          for limit in clock.limits),
            )
            for clock in explanation_clocks(item)
        ]  # fmt: skip
        return format_html_join(mark_safe("<br>"), "{}: {} [{}]", rows)

    def save_model(self, request, obj, form, change):
        if not obj.code:
            obj.code = actions._unique_code(ExplanationRequest, "GT-")
        actions.explanation_save(user=request.user, item=obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = case_units(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.clean = _explanation_clean(form.clean)
        return form


def _explanation_clean(clean):
    def wrapped(form):
        data = clean(form)
        if data.get("status") == ExplanationRequest.Status.EXPLAINED:
            for part in actions.EXPLANATION_PARTS:
                if part in form.fields and not (data.get(part) or "").strip():
                    form.add_error(part, _("The written explanation must hold this part."))
        return data

    return wrapped


# --- Dialogues -----------------------------------------------------------------------------------


@admin.register(Dialogue)
class DialogueAdmin(PublishableAdmin):
    list_display = ["title", "held_at", "place", "questions_until", "publication"]
    list_filter = ["publication"]
    search_fields = ["title", "agenda"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "held_at"


@admin.register(DialogueQuestion)
class DialogueQuestionAdmin(HistoryAdmin):
    """Moderation: approve or reject (with a reason), and answer; answering approves."""

    list_display = ["code", "dialogue", "business", "status", "answered", "created_at"]
    list_filter = ["status", "dialogue"]
    search_fields = ["code", "business", "question"]
    fields = [
        "dialogue", "code", "business", "sender_name", "email", "phone", "question", "status",
        "rejection_reason", "answer", "answered_at", "consent_at", "consent_notice",
    ]  # fmt: skip
    readonly_fields = [
        "dialogue", "code", "business", "sender_name", "email", "phone", "question",
        "answered_at", "consent_at", "consent_notice",
    ]  # fmt: skip
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("accountability.moderate_dialoguequestion")

    @admin.display(description=_("answered"), boolean=True)
    def answered(self, question):
        return bool(question.answer)

    @admin.action(description=_("Approve the selected questions"), permissions=["moderate"])
    def approve(self, request, queryset):
        for question in queryset:
            actions.question_moderate(
                user=request.user, question=question, status=DialogueQuestion.Status.APPROVED
            )

    @admin.action(description=_("Reject the selected questions"), permissions=["moderate"])
    def reject(self, request, queryset):
        for question in queryset:
            actions.question_moderate(
                user=request.user, question=question, status=DialogueQuestion.Status.REJECTED
            )

    def save_model(self, request, obj, form, change):
        if "answer" in form.changed_data and obj.answer.strip():
            actions.question_answer(user=request.user, question=obj, answer=obj.answer)
        else:
            actions.question_moderate(
                user=request.user,
                question=obj,
                status=obj.status,
                reason=obj.rejection_reason,
            )


# --- Inspection follow-up ------------------------------------------------------------------------


class RecommendationInline(TabularInline):
    model = Recommendation
    extra = 1
    fields = ["text", "responsible_unit", "follow_up_unit", "due_on", "status", "implemented_on"]


@admin.register(InspectionConclusion)
class InspectionConclusionAdmin(PublishableAdmin):
    list_display = ["number", "title", "issued_on", "unit", "publication"]
    list_filter = ["publication", "unit"]
    search_fields = ["number", "title", "inspected"]
    date_hierarchy = "issued_on"
    inlines = [RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(ScopedByQuerySet, HistoryAdmin):
    """The follow-up: each unit records how the recommendations it follows are implemented."""

    list_display = [
        "__str__", "conclusion", "responsible_unit", "due_on", "status", "overdue",
    ]  # fmt: skip
    list_filter = ["status", "follow_up_unit"]
    search_fields = ["text", "responsible_unit"]
    date_hierarchy = "due_on"
    list_select_related = ["conclusion"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "follow_up_unit":
            kwargs["queryset"] = case_units(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, item):
        return item.status != Recommendation.Status.IMPLEMENTED and (
            item.due_on < timezone.localdate()
        )

    def save_model(self, request, obj, form, change):
        actions.recommendation_save(user=request.user, recommendation=obj)
