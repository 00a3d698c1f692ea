from django import template

from transparency.models import LegalStatus

register = template.Library()

STATUS_TAGS = {
    LegalStatus.IN_FORCE: "govuk-tag--green",
    LegalStatus.EXPIRED: "govuk-tag--grey",
    LegalStatus.PARTLY_EXPIRED: "govuk-tag--yellow",
    LegalStatus.NOT_YET_IN_FORCE: "govuk-tag--blue",
}


@register.filter
def status_tag(status: str) -> str:
    return STATUS_TAGS.get(status, "")


@register.filter
def filesize_vi(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
