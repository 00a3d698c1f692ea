from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Ward
from .selectors import FINDER_DAYS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
LONGEST_RANGE = 366


class DayInput(forms.DateInput):
    """The phone's own date picker; where there is none, a text box read as dd/mm/yyyy."""

    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d", attrs={"class": "govuk-input govuk-input--width-10"})


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
            found = list(Ward.objects.matching(text).order_by("name"))
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
