from django import template

register = template.Library()

STATUS_TAGS = {
    "upcoming": "govuk-tag--grey",
    "open": "govuk-tag--green",
    "awaiting_answers": "govuk-tag--yellow",
    "answered": "govuk-tag--blue",
    "adopted": "govuk-tag--purple",
}


@register.filter
def status_tag(status: str) -> str:
    """The GOV.UK tag colour of a consultation's status."""
    return STATUS_TAGS.get(status, "")
