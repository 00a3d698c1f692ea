"""Tags and filters every area's templates share: Markdown as safe HTML, breadcrumb trails,
and valid `<time datetime>` values."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from portal.markdown import markdown_html

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Staff-written Markdown as safe HTML: raw HTML is off and the result is cleaned."""
    return markdown_html(text)


@register.simple_tag
def trail(*labels_and_urls):
    """The items of the breadcrumb component from label, url, label, url, …, current label:
    `{% trail docs_label docs_url document.number as items %}`."""
    items = list(labels_and_urls)
    pairs = [(items[i], items[i + 1]) for i in range(0, len(items) - 1, 2)]
    return [*pairs, (items[-1], None)]


@register.filter
def datetime_attr(value) -> str:
    """A `<time datetime>` value the HTML standard accepts: to the second, without the
    microseconds that `|date:'c'` writes; a date as YYYY-MM-DD."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


@register.inclusion_tag("components/legal_limit.html")
def legal_limit_source(limit):
    """The citation a deadline rests on, shown beside it: "(20 ngày theo …, chưa đối chiếu)".
    `limit` is a `portal.models.LegalLimit` (see `portal.selectors.legal_limit`)."""
    return {"limit": limit}
