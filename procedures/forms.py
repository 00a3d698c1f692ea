from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import (
    CitizenContactMixin,
    full_name_field,
    honeypot_field,
    optional_email_field,
    phone_field,
)
from portal.search import QueryField

from .models import Dossier, DossierRating, Feedback, Level, OnlineLevel, Procedure


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


class FeedbackForm(CitizenContactMixin, forms.Form):
    about = forms.ChoiceField(
        label=_("What is your feedback about?"),
        choices=Feedback.About.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what your feedback is about")},
    )
    procedure = forms.ModelChoiceField(
        label=_("Procedure (optional)"),
        queryset=Procedure.objects.none(),
        required=False,
        empty_label=_("Choose a procedure"),
    )
    regulation = forms.CharField(
        label=_("Regulation (optional)"),
        help_text=_("Its number or its name, for example 83/2014/NĐ-CP."),
        max_length=300,
        required=False,
    )
    subject = forms.CharField(
        label=_("Subject"),
        max_length=300,
        error_messages={"required": _("Enter the subject of your feedback")},
    )
    content = forms.CharField(
        label=_("Your feedback or petition"),
        help_text=_("At most 5,000 characters."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write your feedback or petition"),
            "max_length": _("The text must be at most %(limit_value)d characters"),
        },
    )
    name = full_name_field()
    phone = phone_field()
    email = optional_email_field(_("To receive the answer by email as well."))
    consent_publish = forms.BooleanField(
        label=_(
            "The answer may be published on this site, without my name or any other personal data"
        ),
        required=False,
    )
    website = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["procedure"].queryset = Procedure.objects.public().only("pk", "code", "name")


class FeedbackRatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        choices=Feedback.Rating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how satisfied you are")},
    )


class AnswerSearchForm(forms.Form):
    q = QueryField(label=_("Search the answers"), required=False)


class DossierRatingForm(forms.ModelForm):
    class Meta:
        model = DossierRating
        fields = ["access", "procedure", "officers", "results", "feedback_handling", "comment"]
        labels = {
            "access": _("Finding out about the service and reaching it"),
            "procedure": _("The procedure: papers, steps and time"),
            "officers": _("The officers who served you"),
            "results": _("The result you received"),
            "feedback_handling": _("The handling of your questions or feedback (if any)"),
            "comment": _("Anything else you want to tell us (optional)"),
        }
        widgets = {
            name: forms.RadioSelect(attrs={"class": "govuk-radios--inline"})
            for name in ["access", "procedure", "officers", "results", "feedback_handling"]
        } | {"comment": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            name: {"required": _("Choose a score from 1 to 5")}
            for name in ["access", "procedure", "officers", "results"]
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["access", "procedure", "officers", "results", "feedback_handling"]:
            self.fields[name].choices = [
                (n, label) for n, label in self.fields[name].choices if n != ""
            ]
            self.fields[name].help_text = _("1 = very dissatisfied, 5 = very satisfied.")


class StatisticsForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
