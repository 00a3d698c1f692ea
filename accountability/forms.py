from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.forms import (
    CitizenContactMixin,
    full_name_field,
    honeypot_field,
    optional_email_field,
    phone_field,
)

from .models import Booking, Case, ReceptionSession


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, session):
        return _("%(weekday)s %(day)s, %(start)s–%(end)s – %(calendar)s") % {
            "weekday": date_format(session.date, "l"),
            "day": session.date.strftime("%d/%m/%Y"),
            "start": session.start_time.strftime("%H:%M"),
            "end": session.end_time.strftime("%H:%M"),
            "calendar": session.schedule.name,
        }


class PublicForm(CitizenContactMixin, forms.Form):
    """What every public form of the app shares: the trap field and the contact checks."""

    website = honeypot_field()


def _address_field():
    return forms.CharField(
        label=_("Address"),
        help_text=_("Where the department can send its written answer."),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
        error_messages={"required": _("Enter your address")},
    )


def _phone_field(required=False, help_text=None):
    return phone_field(help_text or _("For example 0912 345 678."), required=required)


class BookingForm(PublicForm):
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
    name = full_name_field()
    phone = _phone_field(
        required=True, help_text=_("For example 0912 345 678. We call only about this booking.")
    )
    email = optional_email_field(
        _("To receive your booking code, a cancel link and a reminder the working day before.")
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

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is not None:
            self.fields["session"].queryset = sessions


class CaseForm(PublicForm):
    kind = forms.ChoiceField(
        label=_("What do you send?"),
        choices=Case.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A complaint asks to review a decision or an act of the department that affects "
            "you; a denunciation reports a breach of the law by an officer or an organisation."
        ),
        error_messages={"required": _("Choose a complaint or a denunciation")},
    )
    subject = forms.CharField(
        label=_("Subject"),
        help_text=_("One line, for example the decision you complain about."),
        max_length=300,
        error_messages={"required": _("Enter the subject")},
    )
    content = forms.CharField(
        label=_("Content"),
        help_text=_(
            "What happened, when, who is concerned, and what you ask. At most 10,000 characters."
        ),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("Write the content of your letter"),
            "max_length": _("The content must be at most %(limit_value)d characters"),
        },
    )
    name = full_name_field()
    address = _address_field()
    phone = _phone_field()
    email = optional_email_field(_("To receive the tracking code and news of your letter."))
    consent = forms.BooleanField(
        label=_(
            "I agree that the department keeps these details to handle my letter, "
            "as the notice above says"
        ),
        error_messages={"required": _("Tick the box to agree to the personal data notice")},
    )


class ExplanationForm(PublicForm):
    subject = forms.CharField(
        label=_("What should the department explain?"),
        help_text=_("The decision or the act, with its number and date if you know them."),
        max_length=300,
        error_messages={"required": _("Enter what the department should explain")},
    )
    content = forms.CharField(
        label=_("Your request"),
        help_text=_("How it concerns you and what you want explained. At most 5,000 characters."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Write your request"),
            "max_length": _("The request must be at most %(limit_value)d characters"),
        },
    )
    name = full_name_field()
    address = _address_field()
    phone = _phone_field()
    email = optional_email_field(_("To receive the tracking code and the explanation."))
    publish = forms.BooleanField(
        label=_("The department may publish the explanation on this portal"),
        required=False,
        help_text=_("Your address, phone and email are never published."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the department keeps these details to handle my request, "
            "as the notice above says"
        ),
        error_messages={"required": _("Tick the box to agree to the personal data notice")},
    )


class QuestionForm(PublicForm):
    business = forms.CharField(
        label=_("Business"),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Enter the name of your business")},
    )
    name = full_name_field()
    email = optional_email_field(_("To be told when your question is answered."))
    phone = _phone_field()
    question = forms.CharField(
        label=_("Your question"),
        help_text=_("At most 3,000 characters. Approved questions are published with answers."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Write your question"),
            "max_length": _("The question must be at most %(limit_value)d characters"),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the department keeps these details to answer my question, "
            "as the notice above says"
        ),
        error_messages={"required": _("Tick the box to agree to the personal data notice")},
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Question code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-10", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code you received")},
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()
