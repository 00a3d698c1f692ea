"""Publishing, shared by every app whose items the public sees once staff publish them
(documents, news, consultations, recruitment steps, outages, dialogues).

An item is a draft until an editor publishes it, now or at a scheduled time; unpublishing
records a reason. A model inherits `Publishable`, its public QuerySet is `objects.public()`,
its admin inherits `PublishableAdmin`, and every write goes through the actions below: they
check the publish permission, record the change in the item's history and, once the
transaction commits, refresh the app's cached pages and the item's search entry.
"""

from datetime import date, datetime

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from portal import opendata
from portal.caching import SITE_NAMESPACE, bump_after_commit, bump_content_version
from portal.history_admin import HistoryAdmin
from portal.related import namespaces_showing
from portal.search import index_object


class Publication(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    SCHEDULED = "scheduled", gettext_lazy("Scheduled")
    PUBLISHED = "published", gettext_lazy("Published")
    UNPUBLISHED = "unpublished", gettext_lazy("Unpublished")


# Items the public sees, or will see without anyone publishing them again.
LIVE = (Publication.PUBLISHED, Publication.SCHEDULED)


class PublishableQuerySet(models.QuerySet):
    def public(self):
        """What anonymous visitors may see. Scheduled items become public when the
        `publish_scheduled` task publishes them, never before."""
        return self.filter(publication=Publication.PUBLISHED, published_at__lte=timezone.now())

    def published_between(self, start: date, end: date):
        return self.public().filter(published_at__date__gte=start, published_at__date__lte=end)

    def due(self):
        return self.filter(publication=Publication.SCHEDULED, publish_at__lte=timezone.now())


class Publishable(models.Model):
    """The publication workflow: draft → published (or scheduled), and unpublished with a
    recorded reason. Changed only through the actions of this module.

    `publish_permission` names the permission that publishes, unpublishes and changes a live
    item (by default `<app>.publish_<model>`, which the model declares in its Meta)."""

    publish_permission = ""

    publication = models.CharField(
        gettext_lazy("publication status"),
        max_length=20,
        choices=Publication.choices,
        default=Publication.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(
        gettext_lazy("publish at"),
        null=True,
        blank=True,
        help_text=gettext_lazy("For a scheduled publication."),
    )
    published_at = models.DateTimeField(
        gettext_lazy("published at"), null=True, blank=True, db_index=True
    )
    unpublish_reason = models.TextField(gettext_lazy("reason for unpublishing"), blank=True)
    created_at = models.DateTimeField(gettext_lazy("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("last updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return (
            self.publication == Publication.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def on_published(self) -> None:
        """Called by `item_publish`, in its transaction, when the item goes public (not when it
        is only scheduled, nor when it already was public): an app acts on it here."""

    @classmethod
    def get_publish_permission(cls) -> str:
        return cls.publish_permission or f"{cls._meta.app_label}.publish_{cls._meta.model_name}"


# --- Permission -------------------------------------------------------------------------------


def can_publish(user, item_or_model) -> bool:
    """`user` None is the system (the scheduled-publication task, demo data): always allowed."""
    return user is None or user.has_perm(item_or_model.get_publish_permission())


def can_change(user, item) -> bool:
    """Anyone with the change permission edits a draft; a live item needs the publish
    permission too, since the change goes straight to the public."""
    return item.pk is None or item.publication not in LIVE or can_publish(user, item)


def can_preview(user, model) -> bool:
    """Staff who may view `model` in the staff area open its unpublished items on the public
    pages (with a banner) instead of a 404."""
    meta = model._meta
    return user.is_authenticated and user.has_perm(f"{meta.app_label}.view_{meta.model_name}")


def visible_to(user, model):
    """The items of `model` a visitor may open: every one for staff who may preview them."""
    return model.objects.all() if can_preview(user, model) else model.objects.public()


def check_can_publish(user, item_or_model) -> None:
    if not can_publish(user, item_or_model):
        raise PermissionDenied(_("Only editors can publish or unpublish."))


def check_can_change(user, item) -> None:
    if not can_change(user, item):
        raise PermissionDenied(_("Only editors can publish or change a published item."))


# --- Actions ----------------------------------------------------------------------------------


def _namespaces(app_label: str) -> list[str]:
    """The app's pages, the site-wide ones and the other apps' pages showing its links."""
    return [app_label, SITE_NAMESPACE, *sorted(namespaces_showing(app_label))]


def refresh_after_commit(item) -> None:
    """The app's public pages and the item's search entry follow it once the transaction
    commits. Page caches are versioned by app label."""

    def refresh():
        # The search entry first: the home page lists the latest entries, and a page cached
        # between the two would keep the old list under the new version.
        try:
            index_object(item)
        finally:
            for namespace in _namespaces(item._meta.app_label):
                bump_content_version(namespace)

    transaction.on_commit(refresh)
    opendata.refresh_later(item._meta.app_label)


def _record(item, user, reason: str) -> None:
    item._change_reason = reason
    if user is not None and user.is_authenticated:
        item._history_user = user


@transaction.atomic
def item_save(*, item, user=None, reason: str = "", **save_kwargs) -> None:
    """Saves an item edited by staff or imported; a live item needs the publish permission."""
    check_can_change(user, item)
    _record(item, user, reason)
    item.save(**save_kwargs)
    refresh_after_commit(item)


@transaction.atomic
def item_publish(*, item, user=None, at: datetime | None = None) -> None:
    """Publishes now, or schedules the publication when `at` is in the future.
    `user` None means the system (the scheduled-publication task)."""
    check_can_publish(user, item)
    was_published = item.publication == Publication.PUBLISHED
    now = timezone.now()
    if at is not None and at > now:
        item.publication = Publication.SCHEDULED
        item.publish_at = at
        _record(item, user, _("Publication scheduled"))
    else:
        item.publication = Publication.PUBLISHED
        item.published_at = item.publish_at if item.publish_at and item.publish_at <= now else now
        item.publish_at = None
        item.unpublish_reason = ""
        _record(item, user, _("Published"))
    item.save()
    if item.publication == Publication.PUBLISHED and not was_published:
        item.on_published()
    refresh_after_commit(item)


@transaction.atomic
def item_unpublish(*, item, user=None, reason: str) -> None:
    check_can_publish(user, item)
    if not reason.strip():
        raise ValidationError(_("Give the reason for unpublishing."))
    item.publication = Publication.UNPUBLISHED
    item.publish_at = None
    item.unpublish_reason = reason.strip()
    _record(item, user, _("Unpublished: %(reason)s") % {"reason": reason.strip()})
    item.save()
    refresh_after_commit(item)


@transaction.atomic
def item_delete(*, item, user=None) -> None:
    """Deletes an item; the app's cached pages follow (search drops its entry on delete)."""
    check_can_change(user, item)
    app_label = item._meta.app_label
    item.delete()
    bump_after_commit(*_namespaces(app_label))
    opendata.refresh_later(app_label)


def publishable_models() -> list[type[Publishable]]:
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def publish_due_items() -> int:
    """Publishes every scheduled item, of every app, whose time has come; returns how many."""
    count = 0
    for model in publishable_models():
        for pk in model.objects.due().values_list("pk", flat=True):
            with transaction.atomic():
                item = model.objects.select_for_update().get(pk=pk)
                if item.publication == Publication.SCHEDULED:
                    item_publish(item=item, user=None)
                    count += 1
    return count


# --- Staff area -------------------------------------------------------------------------------


class UnpublishForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for unpublishing"),
        help_text=gettext_lazy("Recorded with the item and kept in its history."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Publish at"), help_text=gettext_lazy("For example 15/03/2026 08:00.")
    )


PUBLICATION_FIELDS = ["publication", "publish_at", "published_at", "unpublish_reason"]
PUBLICATION_ACTIONS = ["publish_now", "schedule", "unpublish"]


def confirm_action_page(model_admin, request, queryset, form, title, action):
    """The admin's intermediate page of a list action that asks for more (a date, a reason)."""
    return TemplateResponse(
        request,
        "admin/publishing/confirm_action.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": title,
            "form": form,
            "queryset": queryset,
            "action": action,
            "opts": model_admin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        },
    )


class PublishableAdmin(HistoryAdmin):
    """Publication happens through the actions below, never by editing the status field: from
    the list for several items, or from an item's own page for that one. A live item is
    read-only to staff who may not publish."""

    readonly_fields = [*PUBLICATION_FIELDS, "updated_at"]
    actions = PUBLICATION_ACTIONS
    change_form_template = "admin/publishing/publishable_change_form.html"

    def _may_publish(self, request) -> bool:
        return can_publish(request.user, self.model)

    def get_actions(self, request):
        found = super().get_actions(request)
        if not self._may_publish(request):
            for name in PUBLICATION_ACTIONS:
                found.pop(name, None)
        return found

    def has_change_permission(self, request, obj=None):
        if obj is not None and not can_change(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not can_change(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_publication"
        view = self.admin_site.admin_view(require_POST(self.publication_view))
        return [
            path("<path:object_id>/publication/<str:action>/", view, name=name),
            *super().get_urls(),
        ]

    def publication_view(self, request, object_id, action):
        """Runs one of the list's publication actions on this item alone, then returns to its
        page (a reason or a date is asked for first, as from the list)."""
        if action not in PUBLICATION_ACTIONS:
            raise Http404
        item = self.get_object(request, unquote(object_id))
        if item is None:
            raise Http404
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        queryset = self.get_queryset(request).filter(pk=item.pk)
        response = getattr(self, action)(request, queryset)
        change_url = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        return response or redirect(reverse(change_url, args=[item.pk]))

    def render_change_form(self, request, context, **kwargs):
        context["can_publish"] = self._may_publish(request)
        return super().render_change_form(request, context, **kwargs)

    def save_model(self, request, obj, form, change):
        item_save(item=obj, user=request.user, reason=_("Edited in the staff area"))

    def delete_model(self, request, obj):
        item_delete(item=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for item in queryset:
            item_delete(item=item, user=request.user)

    def _guard(self, request):
        if not self._may_publish(request):
            raise PermissionDenied

    @admin.action(description=gettext_lazy("Publish the selected items now"))
    def publish_now(self, request, queryset):
        self._guard(request)
        for item in queryset:
            item_publish(item=item, user=request.user)
        self.message_user(
            request,
            _("%(count)d items published.") % {"count": len(queryset)},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Schedule the publication of the selected items"))
    def schedule(self, request, queryset):
        self._guard(request)
        form = ScheduleForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            for item in queryset:
                item_publish(item=item, user=request.user, at=form.cleaned_data["publish_at"])
            self.message_user(request, _("Publication scheduled."), messages.SUCCESS)
            return None
        return confirm_action_page(
            self, request, queryset, form, _("Schedule publication"), "schedule"
        )

    @admin.action(description=gettext_lazy("Unpublish the selected items"))
    def unpublish(self, request, queryset):
        self._guard(request)
        form = UnpublishForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            for item in queryset:
                item_unpublish(item=item, user=request.user, reason=form.cleaned_data["reason"])
            self.message_user(request, _("Unpublished."), messages.SUCCESS)
            return None
        return confirm_action_page(self, request, queryset, form, _("Unpublish"), "unpublish")
