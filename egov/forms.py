"""Forms of the e-governance app: the public comment form, the consultation list's filter and
the staff's draft import, moderation and answer forms."""

import unicodedata

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Answer, Comment, ConsultationStatus, DraftSection

MAX_COMMENT_CHARS = 10_000


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


class ConsultationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), *ConsultationStatus.choices],
    )


class CommentForm(forms.Form):
    """A comment from the public. `website` is a honeypot: people never see it, so anything in
    it was filled in by a robot."""

    section = forms.ChoiceField(label=_("Your comment is on"), required=False)
    author_kind = forms.ChoiceField(
        label=_("You comment as"),
        choices=Comment.AuthorKind.choices,
        widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
        initial=Comment.AuthorKind.INDIVIDUAL,
    )
    name = forms.CharField(label=_("Full name"), max_length=200)
    organisation = forms.CharField(
        label=_("Organisation or business"),
        max_length=300,
        required=False,
        help_text=_("Required if you comment for an organisation or business."),
    )
    email = forms.EmailField(
        label=_("Email"),
        help_text=_("We send the confirmation link here. It is never shown on the portal."),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=30,
        required=False,
        help_text=_("For the drafting unit to call you back. Never shown on the portal."),
    )
    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_COMMENT_CHARS,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the department processes my name, organisation, email and phone to "
            "confirm, answer and report on my comment, as the notice above says."
        ),
        required=True,
        error_messages={"required": _("Tick the box to agree, or your comment cannot be sent.")},
    )
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.articles = {section.anchor: section for section in articles}
        self.fields["section"].choices = [
            ("", _("The whole draft")),
            *[
                (section.anchor, f"{section.label}. {section.heading}".rstrip(". "))
                for section in articles
            ],
        ]

    def clean_name(self):
        return nfc(self.cleaned_data["name"])

    def clean_organisation(self):
        return nfc(self.cleaned_data["organisation"])

    def clean_body(self):
        return nfc(self.cleaned_data["body"])

    def clean_phone(self):
        value = nfc(self.cleaned_data["phone"])
        if not value:
            return ""
        try:
            number = phonenumbers.parse(value, "VN")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValidationError(_("Enter a Vietnamese phone number, for example 0912 345 678."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)

    def clean(self):
        data = super().clean()
        if (
            data.get("author_kind") == Comment.AuthorKind.ORGANISATION
            and not data.get("organisation")
            and "organisation" not in self.errors
        ):
            self.add_error("organisation", _("Enter the name of the organisation or business."))
        return data

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    @property
    def chosen_section(self) -> DraftSection | None:
        return self.articles.get(self.cleaned_data.get("section") or "")


class ConfirmCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Confirmation code"),
        max_length=6,
        min_length=6,
        help_text=_("The six digits in the email we sent you."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class DraftImportForm(forms.Form):
    """Staff: a new version of the draft, from a DOCX file or pasted text."""

    docx = forms.FileField(
        label=_("DOCX file of the draft"),
        required=False,
        help_text=_("Or paste the text below."),
    )
    text = forms.CharField(
        label=_("Text of the draft"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "One paragraph per line: “Chương I”, “Mục 1”, “Điều 1. …”, clauses “1. …”, "
            "points “a) …”; table rows with their cells separated by tabs."
        ),
    )
    note = forms.CharField(label=_("What changed in this version"), max_length=300, required=False)

    def clean_docx(self):
        uploaded = self.cleaned_data.get("docx")
        if uploaded is None:
            return None
        if not uploaded.name.lower().endswith(".docx"):
            raise ValidationError(_("Only DOCX files can be split into articles."))
        return uploaded

    def clean(self):
        data = super().clean()
        if not data.get("docx") and not (data.get("text") or "").strip():
            raise ValidationError(_("Upload a DOCX file or paste the text of the draft."))
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for not publishing"),
        help_text=_("Sent to the commenter and kept with the comment."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class AnswerForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Verdict"), choices=Answer.Verdict.choices)
    text = forms.CharField(
        label=_("Acceptance or explanation"), widget=forms.Textarea(attrs={"rows": 5})
    )
