from django import forms
from django.utils.translation import gettext_lazy as _

from portal.search import QueryField

from .models import Level, OnlineLevel


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
