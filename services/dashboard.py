"""Warnings on the staff dashboard (collected by portal.views.dashboard_warnings)."""

from django.utils import timezone
from django.utils.translation import ngettext

from . import selectors


def short_notice_outages(user) -> list[str]:
    """Coming outages announced with less than the required notice: the energy division takes
    it up with the power company."""
    if not user.has_perm("services.view_plannedoutage"):
        return []
    limit = selectors.short_notice_limit()
    coming = selectors.short_notice().filter(ends_at__gte=timezone.now(), is_cancelled=False)
    count = coming.count()
    if not count:
        return []
    return [
        ngettext(
            "%(count)d coming power outage was announced less than %(days)d days ahead "
            "(%(citation)s).",
            "%(count)d coming power outages were announced less than %(days)d days ahead "
            "(%(citation)s).",
            count,
        )
        % {"count": count, "days": limit.value, "citation": limit.citation}
    ]


WARNINGS = [short_notice_outages]
