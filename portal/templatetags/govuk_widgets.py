"""The parts of a widget that Django's own templates write one variable at a time: its
attributes and a select's options. A select of the document filters has up to fifty options,
and a template loop costs about 18 µs an option where one pass in Python costs 1 µs; the
widget templates under `templates/django/forms/widgets/` still draw the widget itself."""

from django import template
from django.utils.safestring import SafeString

from portal.html import escape

register = template.Library()


@register.filter
def html_attrs(attrs: dict) -> SafeString:
    """` name="value"` for each attribute, in order: True writes the bare name, False or None
    nothing (Django's `attrs` convention)."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(f" {escape(name)}")
        elif value is not False and value is not None:
            parts.append(f' {escape(name)}="{escape(value)}"')
    return SafeString("".join(parts))


@register.filter
def select_options(optgroups) -> SafeString:
    """The `<option>`s (and `<optgroup>`s) of a select's `widget.optgroups`."""
    parts = []
    for group_name, options, _index in optgroups:
        if group_name:
            parts.append(f'<optgroup label="{escape(group_name)}">')
        for option in options:
            selected = " selected" if option["selected"] else ""
            value, label = escape(option["value"]), escape(option["label"])
            parts.append(f'<option value="{value}"{selected}>{label}</option>')
        if group_name:
            parts.append("</optgroup>")
    return SafeString("".join(parts))
