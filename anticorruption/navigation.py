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
