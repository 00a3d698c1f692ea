"""Filters every area's templates share: plain text from Markdown for summaries, and valid
`<time datetime>` values."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from portal.markdown import markdown_text as _markdown_text

register = template.Library()


@register.filter
def markdown_text(text: str) -> str:
    """Staff-written Markdown as plain text, for a summary: `{{ entry.summary|markdown_text }}`."""
    return _markdown_text(text)


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
