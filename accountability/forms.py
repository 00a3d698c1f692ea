import phonenumbers
from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import Booking, ReceptionSession


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        return _("%(weekday)s %(day)s, %(start)s–%(end)s – %(calendar)s") % {
            "weekday": date_format(session.date, "l"),
            "day": session.date.strftime("%d/%m/%Y"),
            "start": session.start_time.strftime("%H:%M"),
            "end": session.end_time.strftime("%H:%M"),
            "calendar": session.schedule.name,
        }


class BookingForm(forms.Form):
    session = SessionChoiceField(
        label=_("Session"),
        queryset=ReceptionSession.objects.none(),
        empty_label=_("Choose a session"),
        error_messages={
            "required": _("Choose a session"),
            "invalid_choice": _("This session can no longer be booked: choose another session"),
        },
    )
    topic = forms.ChoiceField(
        label=_("What is it about?"),
        choices=Booking.Topic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what your matter is about")},
    )
    description = forms.CharField(
        label=_("Describe your matter briefly"),
        help_text=_("At most 2,000 characters. You can explain it fully at the reception."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Describe your matter briefly"),
            "max_length": _("The description must be at most %(limit_value)d characters"),
        },
    )
    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": _("Enter your full name")},
    )
    phone = forms.CharField(
        label=_("Phone number"),
        help_text=_("For example 0912 345 678. We call only about this booking."),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "tel",
                "type": "tel",
                "class": "govuk-input govuk-input--width-20",
            }
        ),
        error_messages={"required": _("Enter your phone number")},
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        help_text=_(
            "To receive your booking code, a cancel link and a reminder the working day before."
        ),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com")
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the department keeps these details to arrange my reception, "
            "as the notice above says"
        ),
        error_messages={
            "required": _(
                "Tick the box to agree to the personal data notice, or come without booking"
            )
        },
    )
    # A field people never see; software that fills every field fills it.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is not None:
            self.fields["session"].queryset = sessions

    def clean_phone(self):
        raw = self.cleaned_data["phone"]
        try:
            number = phonenumbers.parse(raw, "VN")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number_for_region(number, "VN"):
            raise forms.ValidationError(
                _("Enter a Vietnamese phone number, like 0912 345 678"), code="invalid"
            )
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
