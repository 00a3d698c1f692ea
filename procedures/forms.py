from django import forms
from django.utils.translation import gettext_lazy as _

from portal.search import QueryField

from .models import Dossier, Level, OnlineLevel


class ProcedureFilterForm(forms.Form):
    """The catalog's filters. Every value is checked against a list, so a hand-edited URL
    cannot filter by anything else."""

    q = QueryField(
        label=_("Code or name of the procedure"),
        required=False,
        help_text=_("For example 2.000648, or xang dau."),
    )
    field = forms.ChoiceField(label=_("Field"), required=False)
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", _("All levels")), *Level.choices]
    )
    online_level = forms.ChoiceField(
        label=_("Online service"),
        required=False,
        choices=[("", _("Any")), *OnlineLevel.choices],
    )
    agency = forms.ChoiceField(label=_("Implementing agency"), required=False)

    def __init__(self, *args, fields: list[str], agencies: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields"))] + [(f, f) for f in fields]
        self.fields["agency"].choices = [("", _("All agencies"))] + [(a, a) for a in agencies]

    def filters(self) -> dict:
        """The valid filters only: an invalid value is dropped rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return {k: v for k, v in data.items() if v not in ("", None)}


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Receipt code"),
        help_text=_("As printed on your receipt, for example SCT-261130-0001."),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-20",
            }
        ),
        error_messages={"required": _("Enter the receipt code")},
    )
    digits = forms.RegexField(
        label=_("Last 4 digits of the phone number on the receipt"),
        regex=r"^\d{4}$",
        max_length=4,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "class": "govuk-input govuk-input--width-4",
            }
        ),
        error_messages={
            "required": _("Enter the last 4 digits of the phone number"),
            "invalid": _("Enter 4 digits, like 5678"),
        },
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class DossierAdminForm(forms.ModelForm):
    """The staff form of a dossier: a new one needs a processing time for its channel, from
    which its appointment date is counted."""

    class Meta:
        model = Dossier
        fields = [
            *("procedure", "unit", "channel", "received_at"),
            *("applicant_kind", "applicant_name", "applicant_phone", "applicant_email"),
            *("applicant_address", "status", "result", "resolved_on", "returned_on"),
            *("result_digitised", "new_due_date", "apology_reason", "apology_on"),
        ]

    def clean(self):
        data = super().clean()
        procedure, channel = data.get("procedure"), data.get("channel")
        new = self.instance.pk is None and procedure and channel
        if new and procedure.processing_days(channel) is None:
            self.add_error(
                "channel", _("This procedure states no processing time for this channel.")
            )
        return data
