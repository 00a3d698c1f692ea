"""One way to draw a form: GOV.UK Frontend markup from Django's own form rendering.

`FORM_RENDERER` is `GovukRenderer`, so every form of the project draws itself with the
templates under `templates/govuk/` and `templates/django/forms/widgets/`, whatever its base
class:

- `{{ form }}` draws the hidden fields and then every field as `{{ field.as_field_group }}`
  does: a form group with its label (a legend for radios, checkboxes and dates), the hint, the
  error message and the widget, the widget's `aria-describedby` naming the hint and the error.
- `{% include "govuk/error_summary.html" %}` (with `form=` when the form has another name), at
  the top of the page, lists every error linked to its field.
- `{% include "govuk/field.html" with field=form.q size="m" %}` draws one field with a larger
  label (`s`, `m`, `l`), as `as_field_group` would otherwise.
- Widgets: text inputs, selects, textareas, file uploads, single checkboxes, `RadioSelect`,
  `CheckboxSelectMultiple`, and `DateInputField` for a date typed as day, month and year.

A public form that asks a citizen how to reach them takes its contact fields from here:
`full_name_field()`, `phone_field()`, `optional_email_field()`, `honeypot_field()`, and
`CitizenContactMixin` for the phone check (`vietnamese_phone`) and `is_bot()`.
"""

import datetime

import phonenumbers
from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

# The GOV.UK class of each kind of widget; the first match wins, so subclasses come first.
WIDGET_CLASSES = [
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input"),
    (forms.RadioSelect, "govuk-radios__input"),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (forms.FileInput, "govuk-file-upload"),
]


def widget_class(widget: forms.Widget) -> str:
    for widget_type, css in WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            return css
    return "govuk-input"


class GovukBoundField(BoundField):
    """Django's bound field with the GOV.UK classes on the widget (and the error modifier when
    the field has errors). Django itself adds `aria-invalid` and `aria-describedby`."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        # GOV.UK: placeholders are not labels, and vanish as soon as one types; the server's
        # translated messages, not the browser's (in the browser's language), say what is
        # missing.
        attrs["placeholder"] = False
        attrs.pop("required", None)
        if isinstance(widget, forms.MultiWidget):
            return attrs  # each part keeps its own width; `aria-invalid` marks them
        css = attrs.get("class") or widget.attrs.get("class") or widget_class(widget)
        if widget.attrs.get("autocomplete") == "one-time-code":
            css += " govuk-input--width-10"  # a short code gets a short box, as GOV.UK asks
        block = css.split()[0]
        if self.errors and block in ("govuk-input", "govuk-select", "govuk-textarea"):
            css = f"{css} {block}--error"
        elif self.errors and block == "govuk-file-upload":
            css = f"{css} govuk-file-upload--error"
        attrs["class"] = css
        return attrs

    @property
    def error_target(self) -> str:
        """The id the error summary links to: the input itself, or the first of several."""
        if self.is_hidden:
            visible = self.form.visible_fields()
            return visible[0].error_target if visible else ""
        widget = self.field.widget
        if isinstance(widget, forms.MultiWidget) or getattr(widget, "add_id_index", False):
            return f"{self.auto_id}_0"
        return self.id_for_label

    @cached_property
    def group(self) -> dict:
        """What `govuk/field.html` draws, looked up once: a dict the template reads faster than
        a dozen properties of the bound field, some of them computed again at each use."""
        errors = self.errors
        return {
            "id": self.auto_id,
            "label": self.label,
            "label_for": self.id_for_label,
            "help_text": self.help_text,
            "errors": errors,
            "fieldset": self.use_fieldset,
            "describedby": self.aria_describedby if self.use_fieldset else "",
            "checkbox": isinstance(self.field.widget, forms.CheckboxInput),
        }


class GovukRenderer(TemplatesSetting):
    """The project's templates first (`templates/django/forms/...` overrides Django's own)."""

    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"
    bound_field_class = GovukBoundField


class DateInput(forms.MultiWidget):
    """GOV.UK's date input: day, month and year in three boxes, inside a fieldset."""

    template_name = "govuk/widgets/date_input.html"

    def __init__(self, attrs=None):
        part = {"inputmode": "numeric", "class": "govuk-input govuk-date-input__input"}
        widgets = {
            "day": forms.TextInput({**part, "class": f"{part['class']} govuk-input--width-2"}),
            "month": forms.TextInput({**part, "class": f"{part['class']} govuk-input--width-2"}),
            "year": forms.TextInput({**part, "class": f"{part['class']} govuk-input--width-4"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        labels = [_("Day"), _("Month"), _("Year")]
        for subwidget, label in zip(context["widget"]["subwidgets"], labels, strict=True):
            subwidget["label"] = label
            if attrs and attrs.get("aria-invalid"):
                subwidget["attrs"]["class"] += " govuk-input--error"
        return context


class DateInputField(forms.MultiValueField):
    """A date typed as day, month and year (`DateInput`); cleans to a `datetime.date`."""

    widget = DateInput
    default_error_messages = {
        "incomplete": _("Enter the day, the month and the year."),
        "invalid": _("Enter a real date, for example 27 3 2024."),
    }

    def __init__(self, **kwargs):
        invalid = self.default_error_messages["invalid"]
        number = {
            "error_messages": {"invalid": invalid, "min_value": invalid, "max_value": invalid}
        }
        parts = (
            forms.IntegerField(min_value=1, max_value=31, **number),
            forms.IntegerField(min_value=1, max_value=12, **number),
            forms.IntegerField(min_value=1000, max_value=9999, **number),
        )
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or all(part is None for part in data_list):
            return None
        if any(part is None for part in data_list):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = data_list
        try:
            return datetime.date(year, month, day)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def vietnamese_phone(raw: str) -> str:
    """The number in its national form; a ValidationError when it is not a Vietnamese one."""
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "VN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number_for_region(number, "VN"):
        raise forms.ValidationError(
            _("Enter a Vietnamese phone number, like 0912 345 678"), code="invalid"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def full_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your full name")},
    )


def phone_field(help_text="", required=True) -> forms.CharField:
    """A phone box (checked by `CitizenContactMixin.clean_phone`)."""
    return forms.CharField(
        label=_("Phone number") if required else _("Phone number (optional)"),
        help_text=help_text,
        max_length=20,
        required=required,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "tel",
                "type": "tel",
                "class": "govuk-input govuk-input--width-20",
            }
        ),
        error_messages={"required": _("Enter your phone number")},
    )


def optional_email_field(help_text) -> forms.EmailField:
    """An optional e-mail address; `help_text` says what the citizen receives by mail."""
    return forms.EmailField(
        label=_("Email (optional)"),
        help_text=help_text,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )


def honeypot_field() -> forms.CharField:
    """A field people never see (the template hides it); software that fills every field fills
    it, and `CitizenContactMixin.is_bot()` then says so."""
    return forms.CharField(required=False, label=_("Leave this field empty"))


class CitizenContactMixin:
    """For a form with a `phone` field and a `website` trap field; it declares no field, so the
    form keeps its own field order."""

    def clean_phone(self):
        return vietnamese_phone(self.cleaned_data.get("phone", ""))

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
