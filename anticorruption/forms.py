from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.forms import CitizenContactMixin, DateInputField, full_name_field, phone_field
from portal.uploads import EVIDENCE_MAX_BYTES, check_upload

from . import privacy, sanitize
from .models import Tip

MAX_FILES = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked and stripped of its metadata later."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > MAX_FILES:
            raise ValidationError(_("Attach at most %(count)d files"), params={"count": MAX_FILES})
        checked = []
        for uploaded in files:
            kind = check_upload(
                uploaded,
                formats=sanitize.FORMATS,
                max_bytes=EVIDENCE_MAX_BYTES,
                wrong_type=_("Only PDF, JPEG and PNG files can be attached."),
            )
            checked.append((uploaded, kind))
        return checked


class SignedTokenMixin(forms.Form):
    """The signed form token that replaces the CSRF cookie on the channel (see privacy.py)."""

    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_token(self):
        token = self.cleaned_data.get("token", "")
        if not privacy.form_token_is_valid(token):
            raise ValidationError(
                _("This form has expired. Your text is kept: send it again."), code="token"
            )
        return token

    def fresh_token(self):
        """The token to put in the form drawn again: a new one, so an expired form works."""
        return privacy.form_token()


class TipForm(SignedTokenMixin):
    content = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Who, what, when and where, and how you know it. Do not write your name or "
            "anything only you could know, unless you want to. At most 10,000 characters."
        ),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        error_messages={
            "required": _("Describe what happened"),
            "max_length": _("The description must be at most %(limit_value)d characters"),
        },
    )
    attachments = MultipleFileField(
        label=_("Evidence (optional)"),
        help_text=_(
            "Up to 5 PDF, JPEG or PNG files of at most 10 MB each. The author, the camera, "
            "the time and the place are removed from them before they are stored."
        ),
        required=False,
    )

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class ReceiptForm(SignedTokenMixin):
    receipt = forms.CharField(
        label=_("Your receipt"),
        help_text=_("32 letters and digits, as shown when you sent the report."),
        max_length=80,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
        error_messages={"required": _("Enter your receipt")},
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Write to the inspectors"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false"}),
        error_messages={
            "max_length": _("The message must be at most %(limit_value)d characters"),
        },
    )
    attachments = MultipleFileField(
        label=_("More evidence (optional)"),
        help_text=_("PDF, JPEG or PNG files; their metadata is removed."),
        required=False,
    )


# The inspectors' side ------------------------------------------------------------------------


class UnlockForm(forms.Form):
    passphrase = forms.CharField(
        label=_("Passphrase of the inspection unit's key"),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter the passphrase")},
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Answer to the reporter"),
        help_text=_("The reporter reads it with their receipt."),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the answer")},
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Working note"),
        help_text=_("Seen only by the inspectors; sealed like the report."),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the note")},
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Tip.Status.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a status")},
    )
    referred_to = forms.CharField(
        label=_("Referred to"),
        help_text=_("The body the matter was referred to, when it is referred."),
        max_length=300,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == Tip.Status.REFERRED and not data.get("referred_to"):
            self.add_error("referred_to", _("Name the body the matter was referred to"))
        return data


# Applications -------------------------------------------------------------------------------


class PdfFilesField(forms.FileField):
    """The documents the notice asks for: up to 5 PDF files."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_FILES:
            raise ValidationError(_("Attach at most %(count)d files"), params={"count": MAX_FILES})
        for uploaded in files:
            check_upload(
                uploaded,
                formats=("pdf",),
                max_bytes=EVIDENCE_MAX_BYTES,
                wrong_type=_("The documents must be PDF files."),
            )
        return files


class ApplicationForm(CitizenContactMixin, forms.Form):
    full_name = full_name_field()
    birth_date = DateInputField(
        label=_("Date of birth"),
        help_text=_("For example 27 3 1998. With your application code it opens your status."),
        error_messages={"required": _("Enter your date of birth")},
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("We write to you at each step of the review."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    phone = phone_field()
    position = forms.CharField(
        label=_("Position you apply for"),
        help_text=_("As written in the recruitment notice."),
        max_length=200,
        error_messages={"required": _("Enter the position you apply for")},
    )
    qualifications = forms.CharField(
        label=_("Qualifications and experience"),
        help_text=_("Degrees, certificates and work, as the application form asks."),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Describe your qualifications")},
    )
    documents = PdfFilesField(
        label=_("Documents the notice asks for"),
        help_text=_("Up to 5 PDF files of at most 10 MB each."),
        error_messages={"required": _("Attach the documents the notice asks for")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the department keeps these details to review my application, as the "
            "notice above says"
        ),
        error_messages={"required": _("Tick the box to agree, or the application cannot be sent")},
    )


class StatusLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Application code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter your application code")},
    )
    birth_date = DateInputField(
        label=_("Date of birth"),
        error_messages={"required": _("Enter your date of birth")},
    )


class IneligibleForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the candidates are not eligible"),
        help_text=_("Mailed to each candidate."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
