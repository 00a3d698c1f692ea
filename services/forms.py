from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import (
    CitizenContactMixin,
    full_name_field,
    honeypot_field,
    optional_email_field,
    phone_field,
)
from portal.uploads import check_upload

from .models import GridProject, SupplyProblem, Ward
from .selectors import FINDER_DAYS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
LONGEST_RANGE = 366


class DayInput(forms.DateInput):
    """The phone's own date picker; where there is none, a text box read as dd/mm/yyyy."""

    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d", attrs={"class": "govuk-input govuk-input--width-10"})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        shown = context["widget"]["value"]
        if shown and not _is_iso_date(shown):
            # What was typed is shown back as typed, in a text box (a date box cannot hold it).
            context["widget"]["type"] = "text"
        return context


def _is_iso_date(text) -> bool:
    try:
        date.fromisoformat(str(text))
    except ValueError:
        return False
    return True


class OutageFinderForm(forms.Form):
    """One step: the ward as people write it, with or without diacritics, and the days."""

    ward = forms.CharField(
        label=_("Ward or commune"),
        help_text=_("For example Gia Sàng or gia sang. The names before 2025 are found too."),
        max_length=120,
        required=False,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-!-width-two-thirds", "spellcheck": "false"}
        ),
    )
    start = forms.DateField(
        label=_("From"),
        help_text=_("For example 05/12/2026"),
        input_formats=DATE_FORMATS,
        required=False,
        widget=DayInput(),
        error_messages={"invalid": _("Enter the first day as dd/mm/yyyy")},
    )
    end = forms.DateField(
        label=_("To"),
        help_text=_("For example 19/12/2026"),
        input_formats=DATE_FORMATS,
        required=False,
        widget=DayInput(),
        error_messages={"invalid": _("Enter the last day as dd/mm/yyyy")},
    )

    def clean(self):
        data = super().clean()
        text = (data.get("ward") or "").strip()
        data["wards"] = None
        if text:
            found = Ward.objects.order_by("name").matching_list(text)
            if not found:
                self.add_error(
                    "ward",
                    _("No ward or commune is called “%(name)s”: check the spelling")
                    % {"name": text},
                )
            data["wards"] = found
        if "start" in self.errors or "end" in self.errors:
            return data
        today = timezone.localdate()
        start = data.get("start") or today
        end = data.get("end") or start + timedelta(days=FINDER_DAYS)
        if end < start:
            self.add_error("end", _("The last day must be on or after the first day"))
        elif (end - start).days > LONGEST_RANGE:
            self.add_error("end", _("Choose at most one year"))
        data["start"], data["end"] = start, end
        return data


PHOTO_MAX_BYTES = 5 * 1024 * 1024


def check_photo(photo) -> None:
    """A citizen's or staff's photo: a JPEG or PNG picture of at most 5 MB."""
    check_upload(
        photo,
        formats=("jpg", "jpeg", "png"),
        max_bytes=PHOTO_MAX_BYTES,
        wrong_type=_("The photo must be a JPEG or PNG picture."),
    )


class WardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, ward):
        return ward.name


class ProblemReportForm(CitizenContactMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What is the problem?"),
        choices=SupplyProblem.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the problem is")},
    )
    ward = WardChoiceField(
        label=_("Ward or commune"),
        queryset=Ward.objects.order_by("name"),
        empty_label=_("Choose a ward or commune"),
        error_messages={
            "required": _("Choose the ward or commune"),
            "invalid_choice": _("Choose the ward or commune"),
        },
    )
    address = forms.CharField(
        label=_("Address or place"),
        help_text=_("House number and street, hamlet, or a landmark near the place."),
        max_length=300,
        error_messages={"required": _("Enter the address or place")},
    )
    description = forms.CharField(
        label=_("Describe the problem"),
        help_text=_("Since when, how many houses, what you see. At most 3,000 characters."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Describe the problem"),
            "max_length": _("The description must be at most %(limit_value)d characters"),
        },
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        help_text=_("A JPEG or PNG picture of at most 5 MB."),
        required=False,
    )
    name = full_name_field()
    phone = phone_field(
        help_text=_("For example 0912 345 678. The power company may call you about it.")
    )
    email = optional_email_field(
        _("To receive the tracking code and a mail when the problem is resolved.")
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the department keeps these details and sends them to the power "
            "company to handle the problem, as the notice above says"
        ),
        error_messages={"required": _("Tick the box to agree to the personal data notice")},
    )
    website = honeypot_field()

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            check_photo(photo)
        return photo


class ProblemLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Tracking code"),
        help_text=_("For example SCD-7K2M9QXA"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-10", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the tracking code")},
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).upper()


class ProjectFilterForm(forms.Form):
    """The project list's filters; each is optional and the list works without JavaScript."""

    # Chosen by slug among (slug, name) pairs read once per content change: the form itself
    # reads nothing.
    phuong = forms.ChoiceField(
        label=_("Ward or commune"),
        required=False,
        error_messages={
            "invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]
        },
    )
    trang_thai = forms.ChoiceField(label=_("Status"), required=False)
    nam = forms.TypedChoiceField(label=_("Plan year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, wards=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phuong"].choices = [("", _("All wards and communes")), *wards]
        self.fields["trang_thai"].choices = [("", _("All statuses")), *GridProject.Status.choices]
        self.fields["nam"].choices = [("", _("All years")), *[(y, str(y)) for y in years]]
