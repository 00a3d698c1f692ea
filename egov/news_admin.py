"""Staff pages of the news, their categories and the department's own pages. News and pages
belong to the whole department (any editor writes them; publishing needs the publish
permission), so they are not scoped by unit. Writes go through `portal.publishing`."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.history_admin import HistoryAdmin
from portal.publishing import PublishableAdmin
from portal.uploads import check_upload

from .models import News, NewsCategory, StaticPage

IMAGE_FORMATS = ("jpg", "jpeg", "png")
IMAGE_MAX_BYTES = 5 * 1024 * 1024


def check_image(uploaded) -> str:
    """A lead image: a JPEG or PNG whose content is one, at most 5 MB."""
    return check_upload(
        uploaded,
        formats=IMAGE_FORMATS,
        max_bytes=IMAGE_MAX_BYTES,
        wrong_type=_("The image must be a JPEG or PNG file."),
    )


class _StoredImage:
    """The stored lead image as Django's file widget shows it: its name, linked to the view
    that serves it (private files have no URL of their own)."""

    def __init__(self, url: str, name: str):
        self.url = url
        self.name = name

    def __str__(self):
        return self.name.rsplit("/", 1)[-1]


class LeadImageInput(forms.ClearableFileInput):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_url = ""

    def is_initial(self, value):
        return bool(value and getattr(value, "name", ""))

    def format_value(self, value):
        if self.is_initial(value):
            return _StoredImage(self.stored_url, value.name)
        return None


class NewsForm(forms.ModelForm):
    class Meta:
        model = News
        fields = ["title", "slug", "category", "summary", "body", "image", "image_alt"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}), "image": LeadImageInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.image and "image" in self.fields:
            self.fields["image"].widget.stored_url = self.instance.get_image_url()

    def clean_image(self):
        uploaded = self.cleaned_data.get("image")
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            check_image(uploaded)
        return uploaded


@admin.register(NewsCategory)
class NewsCategoryAdmin(HistoryAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name"]
    fields = ["name", "slug", "description", "position"]


@admin.register(News)
class NewsAdmin(PublishableAdmin):
    form = NewsForm
    list_display = ["title", "category", "publication", "published_at", "updated_at"]
    list_filter = ["publication", "category"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    list_select_related = ["category"]
    readonly_fields = [*PublishableAdmin.readonly_fields, "stored_image"]

    def get_fields(self, request, obj=None):
        """To staff who only read, the image shows as a link to its view (private files
        have no URL of their own for the admin's read-only display)."""
        fields = [name for name in super().get_fields(request, obj) if name != "stored_image"]
        if obj is not None and not self.has_change_permission(request, obj):
            fields = ["stored_image" if name == "image" else name for name in fields]
        return fields

    @admin.display(description=_("lead image"))
    def stored_image(self, obj):
        if not obj.image:
            return "–"
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>', obj.get_image_url(), obj.image_alt
        )


class StaticPageForm(forms.ModelForm):
    class Meta:
        model = StaticPage
        fields = ["title", "slug", "summary", "body", "position"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 20}),
        }


@admin.register(StaticPage)
class StaticPageAdmin(PublishableAdmin):
    form = StaticPageForm
    list_display = ["title", "slug", "position", "publication", "updated_at"]
    list_filter = ["publication"]
    search_fields = ["title"]
