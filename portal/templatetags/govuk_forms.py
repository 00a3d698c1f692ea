"""GOV.UK Frontend form markup for any Django form: `{% govuk_error_summary form %}` and
`{% govuk_field form.field %}`. The allauth element templates use them, and so can any app."""

from django import forms, template

register = template.Library()

# Fields whose values are short codes get a narrow input, as GOV.UK asks.
NARROW_FIELDS = {"code": "govuk-input--width-10"}


def _widget_class(field) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "govuk-checkboxes__input"
    if isinstance(widget, forms.RadioSelect):
        return "govuk-radios__input"
    if isinstance(widget, forms.Textarea):
        base = "govuk-textarea"
    elif isinstance(widget, forms.Select):
        base = "govuk-select"
    elif isinstance(widget, forms.ClearableFileInput):
        base = "govuk-file-upload"
    else:
        base = " ".join(filter(None, ["govuk-input", NARROW_FIELDS.get(field.name)]))
    return f"{base} {base.split()[0]}--error" if field.errors else base


@register.inclusion_tag("components/govuk_field.html")
def govuk_field(field, label_class=""):
    """A form group with label, hint, inline errors and the widget, linked by aria-describedby."""
    field_id = field.id_for_label or field.auto_id
    describedby = []
    if field.help_text:
        describedby.append(f"{field_id}-hint")
    if field.errors:
        describedby.append(f"{field_id}-error")
    attrs = {
        "class": _widget_class(field),
        # GOV.UK: placeholders are not labels, and vanish as soon as one types.
        "placeholder": False,
    }
    if describedby:
        attrs["aria-describedby"] = " ".join(describedby)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return {
        "field": field,
        "field_id": field_id,
        "widget": field.as_widget(attrs=attrs),
        "is_checkbox": isinstance(field.field.widget, forms.CheckboxInput),
        "label_class": label_class,
    }


@register.inclusion_tag("components/govuk_error_summary.html")
def govuk_error_summary(form):
    """Every error of the form, each linking to its field (non-field errors to the first)."""
    if form is None or not form.errors:
        return {"errors": []}
    visible = form.visible_fields()
    first_id = (visible[0].id_for_label or visible[0].auto_id) if visible else ""
    errors = [(first_id, error) for error in form.non_field_errors()]
    for field in form.hidden_fields():
        errors += [(first_id, error) for error in field.errors]
    for field in visible:
        # "Email: This field is required." — the summary is read away from the fields.
        errors += [
            (field.id_for_label or field.auto_id, f"{field.label}: {error}")
            for error in field.errors
        ]
    return {"errors": errors}
