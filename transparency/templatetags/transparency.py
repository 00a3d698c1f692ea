from django import template

from portal.markdown import markdown_html
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
def markdown(text: str) -> str:
    """Staff-written Markdown as safe HTML: raw HTML is off and the result is cleaned."""
    return markdown_html(text)


@register.simple_tag
def trail(*labels_and_urls):
    """Breadcrumb items from label, url, label, url, …, current label:
    `{% trail docs_label docs_url document.number as items %}`."""
    items = list(labels_and_urls)
    pairs = [(items[i], items[i + 1]) for i in range(0, len(items) - 1, 2)]
    return [*pairs, (items[-1], None)]


@register.filter
def filesize_vi(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
