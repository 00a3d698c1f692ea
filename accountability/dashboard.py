"""Warnings on the staff dashboard (collected by portal.views.dashboard_warnings)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import selectors
from .deadlines import calendar_for, running_clocks
from .models import Case


def director_reception_notice(user) -> list[str]:
    """Next month's Director reception must be published 5 working days ahead (Law 42/2013,
    Art. 24): shown to those who keep the calendar."""
    if not user.has_perm("accountability.change_receptionsession"):
        return []
    messages = []
    notice = selectors.schedule_notice()
    for problem in selectors.director_notice_problems():
        month = date_format(problem["month"], "m/Y")
        if problem["kind"] == "missing" and problem["deadline"]:
            messages.append(
                _(
                    "No Director's citizen reception is published for %(month)s: publish it by "
                    "%(deadline)s, %(days)s working days before the day (%(citation)s)."
                )
                % {
                    "month": month,
                    "deadline": date_format(problem["deadline"], "d/m/Y"),
                    "days": notice.value,
                    "citation": notice.citation,
                }
            )
        elif problem["kind"] == "missing":
            messages.append(
                _(
                    "No Director's citizen reception is planned for %(month)s: the Director "
                    "receives citizens at least one day a month (Law 42/2013, Art. 18)."
                )
                % {"month": month}
            )
        else:
            messages.append(
                _(
                    "The Director's citizen reception of %(day)s was published later than "
                    "%(days)s working days before the day (%(citation)s)."
                )
                % {
                    "day": date_format(problem["session"].date, "d/m/Y"),
                    "days": notice.value,
                    "citation": notice.citation,
                }
            )
    return messages


def reception_log(user) -> list[tuple[str, str]]:
    if not user.has_perm("accountability.view_visit"):
        return []
    today = timezone.localdate()
    url = reverse("accountability:visit_ledger", args=[today.year, today.month])
    return [(_("Reception log of this month (to print)"), url)]


def overdue_recommendations(user) -> list[str]:
    """Inspection recommendations past their deadline and not implemented, for those who
    follow them up (the inspection unit, leadership, the unit responsible)."""
    if not user.has_perm("accountability.view_recommendation"):
        return []
    return [
        _(
            "Recommendation of inspection conclusion %(number)s (%(unit)s) was due on %(due)s "
            "and is not implemented: %(text)s"
        )
        % {
            "number": item.conclusion.number,
            "unit": item.responsible_unit,
            "due": date_format(item.due_on, "d/m/Y"),
            "text": str(item),
        }
        for item in selectors.overdue_recommendations(user)[:20]
    ]


def overdue_cases(user) -> list[str]:
    """Cases of the user's units (every case for the inspection unit) with a legal clock past."""
    if not user.has_perm("accountability.view_case"):
        return []
    today = timezone.localdate()
    messages = []
    cases = Case.objects.of_units_of(user).open()
    calendar = calendar_for(cases, today)
    for case in cases:
        for clock in running_clocks(case, calendar):
            if clock.overdue(today):
                messages.append(
                    _("Case %(code)s: %(step)s was due on %(due)s (%(citation)s).")
                    % {
                        "code": case.code,
                        "step": clock.label,
                        "due": date_format(clock.due, "d/m/Y"),
                        "citation": clock.limits[0].citation,
                    }
                )
    return messages[:20]


def case_deadlines(user) -> list[tuple[str, str]]:
    if not user.has_perm("accountability.view_case"):
        return []
    return [(_("Deadlines of open cases"), reverse("accountability:case_clock_board"))]


WARNINGS = [director_reception_notice, overdue_cases, overdue_recommendations]
LINKS = [reception_log, case_deadlines]
