from django import template

from transparency.models import LEGAL_STATUS_TAGS

register = template.Library()


@register.filter
def status_tag(status: str) -> str:
    return LEGAL_STATUS_TAGS.get(status, "")


@register.filter
def filesize_vi(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
