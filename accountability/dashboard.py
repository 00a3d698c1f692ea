"""Warnings on the staff dashboard (collected by portal.views.dashboard_warnings)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import selectors


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


WARNINGS = [director_reception_notice]
LINKS = [reception_log]
