"""Staff pages of the news, their categories and the department's own pages. News and pages
belong to the whole department (any editor writes them; publishing needs the publish
permission), so they are not scoped by unit. Writes go through `portal.publishing`."""

from django import forms
from django.contrib import admin
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


class NewsForm(forms.ModelForm):
    class Meta:
        model = News
        fields = ["title", "slug", "category", "summary", "body", "image", "image_alt"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

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
