from django import forms
from django.utils.translation import gettext_lazy as _

from portal.admin import StoredAttachmentForm
from portal.search import QueryField

from .models import Attachment, Document, Field, LegalStatus


class AttachmentForm(StoredAttachmentForm):
    """Used by the staff admin's inline: the file is checked, then stored by the action."""

    class Meta:
        model = Attachment
        fields = ["file", "title", "is_full_text"]


# The orders of selectors.SORTS, as the visitor chooses them.
SORT_LABELS = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("published", _("Recently published")),
    ("number", _("Number")),
]


class DocumentFilterForm(forms.Form):
    """The public list's filters. Every value is checked against a list, so a hand-edited URL
    cannot sort or filter by anything else."""

    q = QueryField(
        label=_("Number, symbol or words"),
        required=False,
        help_text=_("For example 59/2019/NĐ-CP, 59/2019 or xang dau."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Document.Kind.choices]
    )
    field = forms.ChoiceField(label=_("Field"), required=False)
    issuer = forms.ChoiceField(label=_("Issuing body"), required=False)
    year = forms.IntegerField(
        label=_("Year issued"),
        required=False,
        min_value=1945,
        max_value=2100,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-4"}
        ),
    )
    status = forms.ChoiceField(
        label=_("Legal status"),
        required=False,
        choices=[("", _("Any status")), *LegalStatus.choices],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_LABELS)

    def __init__(self, *args, fields: list[Field], issuers: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields"))] + [(f.slug, f.name) for f in fields]
        self.fields["issuer"].choices = [("", _("All issuing bodies"))] + [
            (issuer, issuer) for issuer in issuers
        ]

    def filters(self) -> dict:
        """The valid filters only: an invalid value is dropped rather than failing the page."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if self.is_bound and not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return {k: v for k, v in data.items() if v not in ("", None)}
