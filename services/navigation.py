from django.utils.translation import gettext_lazy as _

from portal.navigation import TopTask

TOP_TASKS = [
    TopTask(
        "services:outage_list",
        _("Planned power outages"),
        _("Where and when electricity will be cut for grid work."),
        70,
    ),
]

PAGE_LABELS = {
    "services:project_list": _("Electricity grid projects"),
    "services:problem_report": _("Report an electricity supply problem"),
    "services:figures": _("Electricity service figures"),
    "services:problem_stats": _("Supply problem reports by ward and month"),
    "services:problem_lookup": _("Follow a report you have sent"),
    "services:project_feed": _("Atom feed of electricity grid projects"),
}
