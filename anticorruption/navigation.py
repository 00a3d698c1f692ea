from django.utils.translation import gettext_lazy as _

from portal.navigation import TopTask

TOP_TASKS = [
    TopTask(
        "anticorruption:tip_create",
        _("Report corruption safely"),
        _("An anonymous channel: no name, no IP address is kept."),
        80,
    ),
]

PAGE_LABELS = {
    "anticorruption:tip_create": _("Report corruption anonymously"),
    "anticorruption:tip_follow": _("Read answers to your report"),
    "anticorruption:tip_statistics": _("Anonymous reports by quarter"),
    "anticorruption:round_list": _("Recruitment"),
    "anticorruption:round_feed": _("Recruitment rounds (Atom feed)"),
    "anticorruption:application_status": _("Status of your application"),
}
