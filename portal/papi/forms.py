"""Forms of the PAPI plan tracker, the indicator pages and the report requests."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.collation import vi_order
from portal.models import Unit
from portal.uploads import check_evidence

from .models import PlanArea, PlanTask
from .selectors import report_quarter_choices

# Paths that are not published records: the staff area, reports, accounts.
PRIVATE_PREFIXES = ("quan-tri/", "bao-cao/", "tai-khoan/")


def parse_evidence_path(value: str) -> str:
    """The path of a published page of this portal, from a path or a full address on this
    site; raises ValidationError for other sites and for staff pages."""
    parts = urlsplit(value.strip())
    site_host = urlsplit(settings.SITE_URL).hostname
    own_hosts = {site_host, *[h for h in settings.ALLOWED_HOSTS if h and h[0] not in ".*"]}
    if (parts.scheme or parts.netloc) and (
        parts.scheme not in {"http", "https"} or parts.hostname not in own_hosts
    ):
        raise forms.ValidationError(_("Give the address of a page of this portal."))
    path = parts.path or "/"
    if not path.startswith("/"):
        raise forms.ValidationError(_("Give the address of a page of this portal."))
    bare = path.lstrip("/")
    if bare.startswith("en/"):
        bare = bare[3:]
    if bare.startswith(PRIVATE_PREFIXES):
        raise forms.ValidationError(
            _("Give the address of a published page, not of the staff area.")
        )
    try:
        resolve(path)
    except Resolver404:
        raise forms.ValidationError(_("There is no such page on this portal.")) from None
    return path + (f"?{parts.query}" if parts.query else "")


class TaskUpdateForm(forms.Form):
    on = forms.DateField(
        label=_("Date of the update"), help_text=_("For example 27/03/2024."), localize=True
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=PlanTask.Status.choices, widget=forms.RadioSelect
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("A whole number from 0 to 100. A task marked done is 100%."),
    )
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Say what was done and what remains, with document numbers where any."),
    )
    evidence_url = forms.CharField(
        label=_("Evidence: link to a published page of the portal (optional)"),
        required=False,
        max_length=500,
        help_text=_("For example /van-ban/59-2019-nd-cp/ or the full address of the page."),
    )
    evidence_file = forms.FileField(
        label=_("Evidence: file (optional)"),
        required=False,
        help_text=_("PDF, Word, Excel, OpenDocument, JPEG or PNG, up to 10 MB."),
    )

    def __init__(self, *args, task: PlanTask, **kwargs):
        super().__init__(*args, **kwargs)
        self.task = task
        if not self.is_bound:
            self.initial.update(
                {"on": timezone.localdate(), "status": task.status, "progress": task.progress}
            )

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The date of the update cannot be in the future."))
        if on < self.task.start_date.replace(month=1, day=1):
            raise forms.ValidationError(_("The date is before the year of the plan."))
        return on

    def clean_evidence_url(self):
        value = self.cleaned_data["evidence_url"].strip()
        return parse_evidence_path(value) if value else ""

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            check_evidence(upload)
        return upload or None

    def clean(self):
        data = super().clean()
        if data.get("status") == PlanTask.Status.DONE:
            data["progress"] = 100
            if not (data.get("evidence_url") or data.get("evidence_file")) and not (
                self.errors.get("evidence_url") or self.errors.get("evidence_file")
            ):
                self.add_error(
                    "evidence_url",
                    _("A task marked done needs evidence: a link to a published page or a file."),
                )
        return data


class PlanTaskForm(forms.ModelForm):
    class Meta:
        model = PlanTask
        fields = ["title", "description", "unit", "lead", "start_date", "deadline"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "start_date": _("For example 01/03/2024."),
            "deadline": _("For example 30/06/2024."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.all()
        self.fields["lead"].queryset = (
            get_user_model()
            .objects.filter(is_staff=True, is_active=True)
            .order_by(vi_order("last_name"), vi_order("first_name"))
        )
        self.fields["lead"].label_from_instance = lambda u: u.get_full_name() or u.email
        for name in ("start_date", "deadline"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True

    def clean(self):
        data = super().clean()
        start, deadline = data.get("start_date"), data.get("deadline")
        if start and deadline and deadline < start:
            self.add_error("deadline", _("The deadline must be on or after the start date."))
        return data


class IndicatorTargetForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    value = forms.DecimalField(label=_("Target"), max_digits=14, decimal_places=4, localize=True)


class RecomputeForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"))
    reason = forms.CharField(
        label=_("Reason for recomputing"),
        max_length=300,
        help_text=_("For example: dossiers of March were entered late."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quarter"].choices = [
            (str(q), q.label) for q in report_quarter_choices(count=12)
        ]


class ReportRequestForm(forms.Form):
    quarter = forms.ChoiceField(label=_("Quarter"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = report_quarter_choices()
        self.fields["quarter"].choices = [(str(q), q.label) for q in choices]
        # The quarter that ended last is what leadership usually asks for.
        self.fields["quarter"].initial = str(choices[1] if len(choices) > 1 else choices[0])


class PlanYearForm(forms.Form):
    """The plan's year (`?nam=`) on the overview; an unknown year means the latest plan."""

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        self.fields["nam"] = forms.TypedChoiceField(
            label=_("Year"), required=False, coerce=int, choices=[(y, y) for y in years]
        )

    def year(self) -> int | None:
        chosen = self.cleaned_data.get("nam") if self.is_valid() else None
        return chosen or (self.years[0] if self.years else None)


class TaskFilterForm(forms.Form):
    """The task list's filters, named as the page's Vietnamese query string (`?chi-so=D1`)."""

    def __init__(self, *args, year: int | None, dimensions, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["nam"] = forms.IntegerField(
            required=False, initial=year, widget=forms.HiddenInput
        )
        self.fields["chi-so"] = forms.ChoiceField(
            label=_("Dimension"),
            required=False,
            choices=[*every, *((d.code, f"{d.code}. {d.name}") for d in dimensions)],
        )
        self.fields["linh-vuc"] = forms.ChoiceField(
            label=_("Plan area"), required=False, choices=[*every, *PlanArea.choices]
        )
        self.fields["trang-thai"] = forms.ChoiceField(
            label=_("Status"),
            required=False,
            choices=[*every, *PlanTask.Status.choices, ("late", _("Overdue"))],
        )
        self.fields["cua-toi"] = forms.BooleanField(
            label=_("Only tasks I can update"), required=False
        )

    def filters(self) -> dict:
        """The valid filters: a value not in the lists is dropped rather than failing the page."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return {
            "dimension": data.get("chi-so", ""),
            "area": data.get("linh-vuc", ""),
            "status": data.get("trang-thai", ""),
            "mine": bool(data.get("cua-toi")),
        }
