"""Warnings and links on the staff dashboard (collected by portal.views.dashboard_*)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import selectors
from .decorators import is_inspector


def late_reports(user) -> list[str]:
    """Inspectors only: reports past their first-handling date."""
    if not is_inspector(user):
        return []
    count = selectors.late_tips(timezone.localdate()).count()
    if not count:
        return []
    return [
        ngettext(
            "%(count)d anonymous report is past its first-handling date.",
            "%(count)d anonymous reports are past their first-handling date.",
            count,
        )
        % {"count": count}
    ]


def late_recruitment_steps(user) -> list[str]:
    if not user.has_perm("anticorruption.change_recruitmentstep"):
        return []
    return [
        _("%(round)s: the step “%(step)s” was due by %(day)s.")
        % {
            "round": row["round"].title,
            "step": row["step"].get_kind_display(),
            "day": date_format(row["due"], "d/m/Y"),
        }
        for row in selectors.late_steps(timezone.localdate())
    ]


def channel_links(user) -> list[tuple[str, str]]:
    links = []
    if is_inspector(user):
        links.append((_("Anonymous reports"), reverse("anticorruption:tip_list")))
    if user.has_perm("anticorruption.view_recruitmentstep"):
        links.append(
            (_("Recruitment rounds: due dates"), reverse("anticorruption:recruitment_overview"))
        )
    return links


WARNINGS = [late_reports, late_recruitment_steps]
LINKS = [channel_links]
